/**
 * Calls with the same key that overlap in time share the first one's promise: the second to the
 * fiftieth wait for the first instead of repeating its work. Nothing is kept once it settles, so no
 * answer is older than the call that reads it by more than one computation (docs/decisions/0007).
 */
export function sharedInFlight<T>(): (key: string, compute: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, compute) => {
    const leader = running.get(key);
    if (leader) return leader;
    const computation = compute().finally(() => running.delete(key));
    running.set(key, computation);
    return computation;
  };
}
