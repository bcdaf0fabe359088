import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';

/** What a connector's last sync did: the counts and, per record refused, its id and why. */
export interface ConnectorRun {
  startedAt: string;
  finishedAt: string | null;
  read: number;
  inserted: number;
  updated: number;
  rejected: number;
  deleted: number;
  errors: { recordId: string; message: string }[];
}

/**
 * A CRM the product reads by itself (HubSpot today). Its credential is sealed under SECRETS_KEY and
 * never answered; revoking forgets it. `state` is where the sync stands, so a sync stopped anywhere
 * goes on from the next page, and the next one asks only for what changed since the last.
 */
export const connectors = pgTable(
  'connectors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<'hubspot' | 'salesforce'>().notNull(),
    secret: text('secret'),
    state: jsonb('state'),
    status: text('status')
      .$type<'pending' | 'idle' | 'syncing' | 'failed' | 'revoked'>()
      .notNull()
      .default('idle'),
    message: text('message'),
    lastRun: jsonb('last_run').$type<ConnectorRun>(),
    /** The admin's mapping (source field, stages); null means the defaults for the kind. */
    mapping: jsonb('mapping').$type<Record<string, unknown>>(),
    /** What is not secret about the connection (Salesforce: login URL, client id, flow, instance URL). */
    settings: jsonb('settings').$type<Record<string, unknown>>(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('connectors_live_kind_idx').on(t.kind).where(sql`revoked_at is null`)],
);
