/**
 * Where attempts are counted. The default keeps them in this process's memory; a deployment with
 * many instances (serverless) passes a shared one in `deps.rateLimitStore` (docs/decisions/0005).
 */
export interface RateLimitStore {
  /**
   * Counts one attempt on `key` in its current window (opening one of `windowMs` when none is open):
   * the attempts so far in it, and the milliseconds until it closes.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Forgets `key`'s attempts (a successful sign-in). */
  reset(key: string): Promise<void>;
}
