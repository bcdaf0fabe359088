import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretsKeys } from './secrets';

/**
 * `SECRETS_KEY` when set. Without it, only the embedded database on a loopback address makes a key of its
 * own, once, kept beside the data in `<DATA_DIR>/secrets.key` (owner-only); anywhere else there is no key,
 * and storing a secret is refused with the reason.
 */
export function nodeSecretsKeys(
  env: { SECRETS_KEY?: string; SECRETS_KEY_PREVIOUS?: string; DATA_DIR: string },
  embeddedOnLoopback: boolean,
): SecretsKeys {
  if (env.SECRETS_KEY) return { current: env.SECRETS_KEY, previous: env.SECRETS_KEY_PREVIOUS };
  if (!embeddedOnLoopback) return {};
  const file = join(env.DATA_DIR, 'secrets.key');
  if (!existsSync(file)) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { current: readFileSync(file, 'utf8').trim() };
}
