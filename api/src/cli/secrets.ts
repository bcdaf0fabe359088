import { audit } from '../audit';
import { nodeSecretsKeys } from '../auth/local-secrets-key';
import { SecretBox } from '../auth/secrets';
import { resealSecrets, secretsStatus } from '../auth/stored-secrets';
import { parseEnv } from '../env';
import { openEnvDb } from './env-db';

export const secretsUsage = `secrets status|rotate
  status   how many stored secrets (authenticator keys, the SSO client secret, connector tokens) are sealed
           under SECRETS_KEY, under SECRETS_KEY_PREVIOUS, or under neither
  rotate   seals every secret still under SECRETS_KEY_PREVIOUS again under SECRETS_KEY; once it reports
           none left under the previous key, SECRETS_KEY_PREVIOUS can be removed (README: key rotation)`;

export async function secretsCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if ((action !== 'status' && action !== 'rotate') || rest.length > 0) {
    console.error(secretsUsage);
    return 2;
  }
  const env = parseEnv(process.env);
  const handle = await openEnvDb(env);
  try {
    // The same keys the Node server would use: SECRETS_KEY, or the embedded database's own key file.
    const keys = nodeSecretsKeys(env, handle.driver === 'pglite');
    if (!keys.current) {
      console.error('SECRETS_KEY is not set: no key to seal secrets under');
      return 2;
    }
    const box = new SecretBox(keys);
    if (action === 'status') {
      const s = await secretsStatus(handle.db, box);
      console.log(`${s.current} under SECRETS_KEY, ${s.previous} under SECRETS_KEY_PREVIOUS`);
      for (const line of s.unreadable) console.log(`unreadable: ${line}`);
      return s.unreadable.length > 0 ? 1 : 0;
    }
    if (!keys.previous)
      console.log('SECRETS_KEY_PREVIOUS is not set: only secrets already under SECRETS_KEY open');
    const r = await resealSecrets(handle.db, box);
    await audit(handle.db, null, 'secrets.rotated', null, {
      resealed: r.resealed,
      alreadyCurrent: r.alreadyCurrent,
      unreadable: r.unreadable.length,
    });
    console.log(`${r.resealed} sealed again under SECRETS_KEY, ${r.alreadyCurrent} already under it`);
    for (const line of r.unreadable)
      console.log(`unreadable: ${line} (re-enter it, or set the key that sealed it)`);
    if (r.unreadable.length === 0)
      console.log('nothing is left under SECRETS_KEY_PREVIOUS: it can be removed');
    return r.unreadable.length > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}
