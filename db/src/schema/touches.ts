import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { leads } from './leads';

export const touchActors = ['marketing', 'sales'] as const;
export type TouchActor = (typeof touchActors)[number];

export const touches = pgTable(
  'touches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    leadId: bigint('lead_id', { mode: 'number' })
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    originSystem: text('origin_system').notNull().default('manual'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    channel: text('channel'),
    actor: text('actor').$type<TouchActor>().notNull(),
  },
  (t) => [
    // A lead's touches by actor and time: marketing touches in a window are an index-only count.
    index('touches_lead_actor_time_idx').on(t.leadId, t.actor, t.occurredAt),
    uniqueIndex('touches_origin_external_idx').on(t.originSystem, t.externalId),
  ],
);
