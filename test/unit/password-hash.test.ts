import { scryptSync } from 'node:crypto';
import {
  currentParams,
  hashPassword,
  needsRehash,
  parseHash,
  productionParams,
  testParams,
  verifyPassword,
} from '@salesready/api/auth/password';
import { describe, expect, it } from 'vitest';

describe('password hashes carry their parameters and can grow', () => {
  it('hashes at OWASP’s scrypt cost in production: N = 2^17, r = 8, p = 1, written as a PHC string', async () => {
    expect(productionParams).toEqual({ ln: 17, r: 8, p: 1 });
    const hash = await hashPassword('a long production password', productionParams);
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('a long production password', hash)).toBe(true);
    expect(await verifyPassword('a long production passwort', hash)).toBe(false);
    expect(needsRehash(hash, productionParams)).toBe(false);
  });

  it('runs the suites at the test cost only because vitest.config.ts asks for it', () => {
    expect(process.env.PASSWORD_HASH_COST).toBe('test');
    expect(currentParams()).toEqual(testParams);
    expect(testParams.ln).toBeLessThan(productionParams.ln);
  });

  it('verifies a hash of the first format (scrypt$32768$salt$key) and marks it for rehashing', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('an old password', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = `scrypt$32768$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(parseHash(old)?.params).toEqual({ ln: 15, r: 8, p: 1 });
    expect(await verifyPassword('an old password', old)).toBe(true);
    expect(await verifyPassword('another password', old)).toBe(false);
    expect(needsRehash(old, productionParams)).toBe(true);
    expect(needsRehash(old, testParams)).toBe(true);
  });

  it('marks a PHC hash weaker than the current parameters, and not a stronger one', async () => {
    const weak = await hashPassword('pw', { ln: 8, r: 8, p: 1 });
    expect(needsRehash(weak, testParams)).toBe(true);
    expect(needsRehash(weak, { ln: 8, r: 8, p: 1 })).toBe(false);
    const smallBlocks = await hashPassword('pw', { ln: 10, r: 4, p: 1 });
    expect(needsRehash(smallBlocks, testParams)).toBe(true);
    const stronger = await hashPassword('pw', { ln: 11, r: 8, p: 1 });
    expect(needsRehash(stronger, testParams)).toBe(false);
    expect(await verifyPassword('pw', stronger)).toBe(true);
  });

  it('refuses malformed or absurd stored strings instead of trying them', async () => {
    for (const stored of [
      '',
      'plain text',
      '$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U',
      '$scrypt$ln=10,r=8,p=1$$',
      'scrypt$30000$c2FsdA==$a2V5',
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$a2V5',
    ]) {
      expect(parseHash(stored), stored).toBeNull();
      expect(await verifyPassword('anything', stored), stored).toBe(false);
    }
  });
});
