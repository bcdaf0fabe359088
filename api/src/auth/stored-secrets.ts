import { type Database, selectRows } from '@salesready/db/client';
import { sql } from 'drizzle-orm';
import {
  connectorSealContext,
  ssoSealContext,
  subscriptionSealContext,
  totpSealContext,
} from './seal-contexts';
import type { SecretBox } from './secrets';

/**
 * Where the product keeps sealed secrets: table, column, how a row is named to a person, and the context
 * it was sealed with. A new kind of secret is a line here, or a rotation would leave it behind.
 */
const secretColumns = [
  {
    table: 'users',
    column: 'totp_secret',
    what: (id: number, name: string) => `authenticator key of user ${id} (${name})`,
    name: 'email',
    context: totpSealContext,
  },
  {
    table: 'auth_settings',
    column: 'sso_client_secret',
    what: () => 'single sign-on client secret',
    name: "''",
    context: () => ssoSealContext,
  },
  {
    table: 'connectors',
    column: 'secret',
    what: (id: number, name: string) => `${name} connector ${id} token`,
    name: 'kind',
    context: connectorSealContext,
  },
  {
    table: 'subscriptions',
    column: 'slack_webhook',
    what: (id: number) => `Slack webhook of subscription ${id}`,
    name: "''",
    context: subscriptionSealContext,
  },
] as const;

/** One sealed value the database holds, with how to write it back only if it is still the same. */
interface StoredSecret {
  what: string;
  sealed: string;
  context: string;
  replace: (db: Database, sealed: string) => Promise<boolean>;
}

/** Every sealed secret: authenticator keys, the SSO client secret, connector tokens and Slack webhooks. */
async function storedSecrets(db: Database): Promise<StoredSecret[]> {
  const out: StoredSecret[] = [];
  for (const kind of secretColumns) {
    // Identifiers from the constant list above, never from input.
    const table = sql.raw(kind.table);
    const column = sql.raw(kind.column);
    const rows = await selectRows<{ id: number; name: string; sealed: string }>(
      db,
      sql`select id::int as id, ${sql.raw(kind.name)}::text as name, ${column} as sealed
        from ${table} where ${column} is not null order by id`,
    );
    for (const row of rows) {
      out.push({
        what: kind.what(row.id, row.name),
        sealed: row.sealed,
        context: kind.context(row.id),
        replace: async (tx, sealed) =>
          (
            await selectRows(
              tx,
              sql`update ${table} set ${column} = ${sealed}
                where id = ${row.id} and ${column} = ${row.sealed} returning id`,
            )
          ).length > 0,
      });
    }
  }
  return out;
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
