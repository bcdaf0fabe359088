import { randomBytes } from 'node:crypto';
import { connectorSealContext, ssoSealContext, totpSealContext } from '@salesready/api/auth/seal-contexts';
import { SecretBox } from '@salesready/api/auth/secrets';
import { readSsoSettings } from '@salesready/api/auth/sso';
import { resealSecrets, secretsStatus } from '@salesready/api/auth/stored-secrets';
import { startTotpSetup } from '@salesready/api/auth/two-factor';
import { createDb, type DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { auditLog, authSettings, connectors, users } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { runCli } from '../helpers/run-cli';
import { describeOnBackend, openTestDb, testBackend } from '../helpers/test-db';

const key = () => randomBytes(32).toString('base64');

// A rotation end to end: secrets sealed under the old key, the new key set with the old one beside it,
// every secret sealed again, then the old key removed and every secret still opening.
describeOnBackend('secrets key rotation', () => {
  let handle: DbHandle;
  const oldKey = key();
  const newKey = key();
  const strayKey = key();
  let adminId: number;
  let strayId: number;
  let connectorId: number;
  let seed: string;

  beforeAll(async () => {
    handle = await openTestDb();
    const db = handle.db;
    const old = new SecretBox({ current: oldKey });
    adminId = await addUser(db, 'admin@example.com', 'a long test password');
    seed = (await startTotpSetup(db, old, { id: adminId, email: 'admin@example.com' })).secret;
    // A seed sealed under a key that is set nowhere (a lost key): named, never fatal to the others.
    strayId = await addUser(db, 'stray@example.com', 'a long test password', 'executive');
    await startTotpSetup(db, new SecretBox({ current: strayKey }), {
      id: strayId,
      email: 'stray@example.com',
    });
    await db
      .insert(authSettings)
      .values({
        ssoIssuer: 'https://login.example.com',
        ssoClientId: 'salesready',
        ssoClientSecret: await old.seal('the client secret', ssoSealContext),
      })
      .onConflictDoUpdate({
        target: authSettings.id,
        set: {
          ssoIssuer: 'https://login.example.com',
          ssoClientId: 'salesready',
          ssoClientSecret: await old.seal('the client secret', ssoSealContext),
        },
      });
    const [row] = await db.insert(connectors).values({ kind: 'hubspot' }).returning({ id: connectors.id });
    connectorId = defined(row).id;
    await db
      .update(connectors)
      .set({ secret: await old.seal('pat-na1-token', connectorSealContext(connectorId)) })
      .where(eq(connectors.id, connectorId));
  });
  afterAll(() => handle?.close());

  it('counts the secrets under each key and names the one under neither', async () => {
    const status = await secretsStatus(handle.db, new SecretBox({ current: newKey, previous: oldKey }));
    expect(status).toEqual({
      current: 0,
      previous: 3,
      unreadable: [`authenticator key of user ${strayId} (stray@example.com): sealed with neither key`],
    });
  });

  it('seals every secret again under the new key, leaving the unreadable one as it was', async () => {
    const [strayBefore] = await handle.db.select().from(users).where(eq(users.id, strayId));
    const report = await resealSecrets(handle.db, new SecretBox({ current: newKey, previous: oldKey }));
    expect(report.resealed).toBe(3);
    expect(report.alreadyCurrent).toBe(0);
    expect(report.unreadable).toHaveLength(1);
    const [strayAfter] = await handle.db.select().from(users).where(eq(users.id, strayId));
    expect(defined(strayAfter).totpSecret).toBe(defined(strayBefore).totpSecret);
    // A second run finds nothing left to do.
    const again = await resealSecrets(handle.db, new SecretBox({ current: newKey, previous: oldKey }));
    expect(again).toMatchObject({ resealed: 0, alreadyCurrent: 3 });
  });

  it('opens every secret with the new key alone once the old one is removed', async () => {
    const box = new SecretBox({ current: newKey });
    const [admin] = await handle.db.select().from(users).where(eq(users.id, adminId));
    expect(await box.open(defined(defined(admin).totpSecret), totpSealContext(adminId))).toBe(seed);
    expect((await readSsoSettings(handle.db, box))?.clientSecret).toBe('the client secret');
    const [connector] = await handle.db.select().from(connectors).where(eq(connectors.id, connectorId));
    expect(await box.open(defined(defined(connector).secret), connectorSealContext(connectorId))).toBe(
      'pat-na1-token',
    );
    await expect(
      new SecretBox({ current: oldKey }).open(
        defined(defined(connector).secret),
        connectorSealContext(connectorId),
      ),
    ).rejects.toThrow(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);
    expect(await secretsStatus(handle.db, box)).toMatchObject({ current: 3, previous: 0 });
  });
});

// The command an operator runs, against a PostgreSQL database of its own (the embedded database takes
// the same path with its own key file).
describe.skipIf(testBackend !== 'postgres')('pnpm cli secrets [postgres]', () => {
  let handle: DbHandle;
  let url: string;
  const oldKey = key();
  const newKey = key();

  let dropDatabase = async () => {};

  beforeAll(async () => {
    const name = uniqueName('sr_secrets');
    await withAdmin((c) => c.query(`create database ${name} template ${inject('postgresTemplate')}`));
    url = databaseUrl(name);
    dropDatabase = () =>
      withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {});
    handle = await createDb(url);
    const id = await addUser(handle.db, 'admin@example.com', 'a long test password');
    await startTotpSetup(handle.db, new SecretBox({ current: oldKey }), { id, email: 'admin@example.com' });
  });
  afterAll(async () => {
    await handle?.close();
    await dropDatabase();
  });

  it('reports, rotates and audits', async () => {
    const env = { DATABASE_URL: url, SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: oldKey };
    const before = await runCli(['secrets', 'status'], env);
    expect(before.stdout).toContain('0 under SECRETS_KEY, 1 under SECRETS_KEY_PREVIOUS');
    expect(before.code).toBe(0);
    const rotated = await runCli(['secrets', 'rotate'], env);
    expect(rotated.stdout).toContain('1 sealed again under SECRETS_KEY, 0 already under it');
    expect(rotated.stdout).toContain('it can be removed');
    expect(rotated.code).toBe(0);
    const after = await runCli(['secrets', 'status'], { DATABASE_URL: url, SECRETS_KEY: newKey });
    expect(after.stdout).toContain('1 under SECRETS_KEY, 0 under SECRETS_KEY_PREVIOUS');
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'secrets.rotated'));
    expect(entries.map((e) => JSON.parse(e.details as string))).toEqual([
      { resealed: 1, alreadyCurrent: 0, unreadable: 0 },
    ]);
    // Neither key printed, whatever was asked.
    for (const out of [before, rotated, after]) {
      expect(out.stdout + out.stderr).not.toContain(oldKey);
      expect(out.stdout + out.stderr).not.toContain(newKey);
    }
    expect((await runCli(['secrets', 'spin'], env)).code).toBe(2);
  }, 60_000);
});
