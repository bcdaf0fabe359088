import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import type { RateLimitStore } from '../rate-limit-store';
import type { TokenEnv } from './require-token';

export type { RateLimitStore };

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Sign-in, setup and accepting an invitation: per client address and email (or invitation). */
export const signInLimit: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };
/** Sign-in from one address, whatever the email: one place trying a password on many accounts. */
export const signInAddressLimit: RateLimitRule = { limit: 50, windowMs: 15 * 60_000 };
/** Sign-in to one account, whatever the address: many places guessing one account's password. */
export const signInAccountLimit: RateLimitRule = { limit: 20, windowMs: 15 * 60_000 };
/** The ingestion API: per API token. */
export const ingestLimit: RateLimitRule = { limit: 600, windowMs: 60_000 };

/** Fixed windows in a Map. Bounded: past `maxKeys` expired windows go first, then the oldest. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(options: { now?: () => number; maxKeys?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  async hit(key: string, windowMs: number) {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#windows.delete(key);
      if (this.#windows.size >= this.#maxKeys) this.#evict(now);
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  async reset(key: string) {
    this.#windows.delete(key);
  }

  #evict(now: number) {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
    // Still full (many keys at once): drop the oldest windows, which only ever loosens the limit.
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < this.#maxKeys) break;
      this.#windows.delete(key);
    }
  }
}

// One memory store per app when its deps bring none, so test apps never share counts.
const defaultStores = new WeakMap<AppDeps, RateLimitStore>();

export function rateLimitStore(deps: AppDeps): RateLimitStore {
  if (deps.rateLimitStore) return deps.rateLimitStore;
  let store = defaultStores.get(deps);
  if (!store) {
    store = new MemoryRateLimitStore();
    defaultStores.set(deps, store);
  }
  return store;
}

/**
 * The client's address: the socket's on the Node server (a header there could be forged), else the
 * first `x-forwarded-for` hop, which serverless platforms set themselves.
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return (
    incoming?.socket?.remoteAddress ??
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim().slice(0, 64) ??
    'unknown'
  );
}

/**
 * Counts an attempt on `key`; over the rule's limit, refuses with 429 `rate_limited` and Retry-After.
 * Returns a function that forgets the attempts (call it once the caller proved who they are).
 */
export async function limitAttempt(
  c: Context,
  rule: RateLimitRule,
  key: string,
): Promise<() => Promise<void>> {
  const store = rateLimitStore(c.var.deps);
  const { count, resetInMs } = await store.hit(key, rule.windowMs);
  if (count > rule.limit) {
    const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
    c.header('Retry-After', String(seconds));
    throw new AppError(
      'rate_limited',
      `too many attempts; try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}`,
    );
  }
  return () => store.reset(key);
}

/** After requireToken: each API token may make `ingestLimit.limit` requests a minute. */
export const ingestRateLimit = createMiddleware<TokenEnv>(async (c, next) => {
  await limitAttempt(c, ingestLimit, `ingest:${c.var.apiTokenId}`);
  await next();
});
