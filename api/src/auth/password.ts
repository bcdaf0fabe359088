import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { defined } from '@salesready/db/defined';

/**
 * Hashes carry their parameters in PHC format (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, unpadded base64) so the
 * cost can grow: a hash made with weaker parameters than the current ones still verifies, and is made again
 * on the next sign-in (docs/decisions/0023).
 */
export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  ln: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1 (128 MiB). */
export const productionParams: ScryptParams = Object.freeze({ ln: 17, r: 8, p: 1 });

/**
 * The test suites sign in thousands of times; `PASSWORD_HASH_COST=test` (set by vitest.config.ts only)
 * makes hashes at 2^10 there. The production cost is asserted on its own (test/unit/password-hash.test.ts).
 */
export const testParams: ScryptParams = Object.freeze({ ln: 10, r: 8, p: 1 });

export function currentParams(): ScryptParams {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.PASSWORD_HASH_COST === 'test' ? testParams : productionParams;
}

const keyLength = 32;
const saltLength = 16;
// Bounds on what a stored string may ask for: a tampered row must not make sign-in allocate gigabytes.
const limits = { ln: [1, 18], r: [1, 16], p: [1, 4] } as const;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    // scrypt needs 128 · N · r bytes; leave room above it.
    maxmem: 128 * N * params.r + 32 * 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(
  password: string,
  params: ScryptParams = currentParams(),
): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, params, keyLength);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** Reads a PHC scrypt string, or the first format (`scrypt$32768$salt$key`, r = 8, p = 1). */
export function parseHash(stored: string): ParsedHash | null {
  const phc = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  const legacy = /^scrypt\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/.exec(stored);
  let parsed: ParsedHash | null = null;
  if (phc) {
    parsed = {
      params: { ln: Number(phc[1]), r: Number(phc[2]), p: Number(phc[3]) },
      salt: Buffer.from(defined(phc[4]), 'base64'),
      key: Buffer.from(defined(phc[5]), 'base64'),
    };
  } else if (legacy) {
    const n = Number(legacy[1]);
    const ln = Math.log2(n);
    if (!Number.isInteger(ln)) return null;
    parsed = {
      params: { ln, r: 8, p: 1 },
      salt: Buffer.from(defined(legacy[2]), 'base64'),
      key: Buffer.from(defined(legacy[3]), 'base64'),
    };
  }
  if (!parsed) return null;
  const { params, salt, key } = parsed;
  for (const name of ['ln', 'r', 'p'] as const) {
    const [low, high] = limits[name];
    if (params[name] < low || params[name] > high) return null;
  }
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return parsed;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(parsed.key, actual);
}

/** Whether a stored hash was made with weaker parameters (or an older format) than the current ones. */
export function needsRehash(stored: string, params: ScryptParams = currentParams()): boolean {
  if (!stored.startsWith('$scrypt$')) return true;
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const cost = (p: ScryptParams) => 2 ** p.ln * p.r * p.p;
  return (
    parsed.params.ln < params.ln ||
    parsed.params.r < params.r ||
    cost(parsed.params) < cost(params) ||
    parsed.key.length < keyLength
  );
}
