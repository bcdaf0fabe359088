import type { Database } from '@salesready/db/client';
import { authSettings, connectors, subscriptions, users } from '@salesready/db/schema/index';
import { and, eq, isNotNull } from 'drizzle-orm';
import {
  connectorSealContext,
  ssoSealContext,
  subscriptionSealContext,
  totpSealContext,
} from './seal-contexts';
import type { SecretBox } from './secrets';

/** One sealed value the database holds, with how to write it back only if it is still the same. */
interface StoredSecret {
  what: string;
  sealed: string;
  context: string;
  replace: (db: Database, sealed: string) => Promise<boolean>;
}

/** Every sealed secret: authenticator keys, the SSO client secret, connector tokens and Slack webhooks. */
async function storedSecrets(db: Database): Promise<StoredSecret[]> {
  const seeds = await db
    .select({ id: users.id, email: users.email, sealed: users.totpSecret })
    .from(users)
    .where(isNotNull(users.totpSecret));
  const [sso] = await db
    .select({ id: authSettings.id, sealed: authSettings.ssoClientSecret })
    .from(authSettings)
    .where(isNotNull(authSettings.ssoClientSecret));
  const tokens = await db
    .select({ id: connectors.id, kind: connectors.kind, sealed: connectors.secret })
    .from(connectors)
    .where(isNotNull(connectors.secret));
  const hooks = await db
    .select({ id: subscriptions.id, sealed: subscriptions.slackWebhook })
    .from(subscriptions)
    .where(isNotNull(subscriptions.slackWebhook));
  const changed = (rows: unknown[]) => rows.length > 0;
  return [
    ...seeds.map((u) => ({
      what: `authenticator key of user ${u.id} (${u.email})`,
      sealed: u.sealed as string,
      context: totpSealContext(u.id),
      replace: async (tx: Database, sealed: string) =>
        changed(
          await tx
            .update(users)
            .set({ totpSecret: sealed })
            .where(and(eq(users.id, u.id), eq(users.totpSecret, u.sealed as string)))
            .returning({ id: users.id }),
        ),
    })),
    ...(sso
      ? [
          {
            what: 'single sign-on client secret',
            sealed: sso.sealed as string,
            context: ssoSealContext,
            replace: async (tx: Database, sealed: string) =>
              changed(
                await tx
                  .update(authSettings)
                  .set({ ssoClientSecret: sealed })
                  .where(
                    and(eq(authSettings.id, sso.id), eq(authSettings.ssoClientSecret, sso.sealed as string)),
                  )
                  .returning({ id: authSettings.id }),
              ),
          },
        ]
      : []),
    ...tokens.map((c) => ({
      what: `${c.kind} connector ${c.id} token`,
      sealed: c.sealed as string,
      context: connectorSealContext(c.id),
      replace: async (tx: Database, sealed: string) =>
        changed(
          await tx
            .update(connectors)
            .set({ secret: sealed })
            .where(and(eq(connectors.id, c.id), eq(connectors.secret, c.sealed as string)))
            .returning({ id: connectors.id }),
        ),
    })),
    ...hooks.map((h) => ({
      what: `Slack webhook of subscription ${h.id}`,
      sealed: h.sealed as string,
      context: subscriptionSealContext(h.id),
      replace: async (tx: Database, sealed: string) =>
        changed(
          await tx
            .update(subscriptions)
            .set({ slackWebhook: sealed })
            .where(and(eq(subscriptions.id, h.id), eq(subscriptions.slackWebhook, h.sealed as string)))
            .returning({ id: subscriptions.id }),
        ),
    })),
  ];
}

export interface SecretsReport {
  /** Sealed under SECRETS_KEY. */
  current: number;
  /** Sealed under SECRETS_KEY_PREVIOUS. */
  previous: number;
  /** Sealed under neither key, or failing to open: named, so an admin can re-enter them. */
  unreadable: string[];
}

export interface RotationReport {
  alreadyCurrent: number;
  /** Opened under SECRETS_KEY_PREVIOUS and sealed again under SECRETS_KEY. */
  resealed: number;
  unreadable: string[];
}

/** How many stored secrets each key holds: SECRETS_KEY_PREVIOUS may go once `previous` and `unreadable` are empty. */
export async function secretsStatus(db: Database, box: SecretBox): Promise<SecretsReport> {
  const report: SecretsReport = { current: 0, previous: 0, unreadable: [] };
  for (const secret of await storedSecrets(db)) {
    const key = await box.keyOf(secret.sealed);
    if (key === 'unknown') report.unreadable.push(`${secret.what}: sealed with neither key`);
    else report[key] += 1;
  }
  return report;
}

/**
 * Seals every secret still under SECRETS_KEY_PREVIOUS again under SECRETS_KEY, each row written only if it
 * still holds the value that was opened (a user re-enrolling meanwhile keeps their new key). A value that
 * does not open is named and left as it is; the others are resealed regardless.
 */
export async function resealSecrets(db: Database, box: SecretBox): Promise<RotationReport> {
  const report: RotationReport = { alreadyCurrent: 0, resealed: 0, unreadable: [] };
  for (const secret of await storedSecrets(db)) {
    const key = await box.keyOf(secret.sealed);
    if (key === 'current') {
      report.alreadyCurrent += 1;
      continue;
    }
    let plain: string;
    try {
      plain = await box.open(secret.sealed, secret.context);
    } catch {
      report.unreadable.push(
        `${secret.what}: ${key === 'unknown' ? 'sealed with neither key' : 'does not open under SECRETS_KEY_PREVIOUS'}`,
      );
      continue;
    }
    if (await secret.replace(db, await box.seal(plain, secret.context))) report.resealed += 1;
  }
  return report;
}
