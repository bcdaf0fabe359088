/**
 * The value, known to be there: throws when it is not, instead of letting `undefined` travel on.
 * For a row an insert returns, an index inside its array's bounds, a key just set in a map.
 */
export function defined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error(`expected a value, got ${value}`);
  return value;
}
