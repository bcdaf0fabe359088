import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/** The board pack's sections that carry a commentary, in the order the pack prints them. */
export const commentarySections = ['summary', 'sources', 'funnel', 'speed', 'cohorts', 'handoff'] as const;
export type CommentarySection = (typeof commentarySections)[number];

/** What the executives say about a section of one fiscal quarter's board pack; plain text. */
export const reportCommentary = pgTable(
  'report_commentary',
  {
    // Fiscal quarter label, e.g. 2026-Q1.
    quarter: text('quarter').notNull(),
    section: text('section').$type<CommentarySection>().notNull(),
    body: text('body').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.quarter, t.section] }),
    check(
      'report_commentary_section_check',
      sql`${t.section} in ('summary', 'sources', 'funnel', 'speed', 'cohorts', 'handoff')`,
    ),
  ],
);

/**
 * The figures of a closed quarter's board pack as they were when first generated. Kept as text, not
 * jsonb: the hash is over these exact bytes, and jsonb would reorder keys and respell numbers.
 */
export const reportSnapshots = pgTable('report_snapshots', {
  quarter: text('quarter').primaryKey(),
  figures: text('figures').notNull(),
  // SHA-256 of `figures`, hex.
  hash: text('hash').notNull(),
  frozenBy: integer('frozen_by').references(() => users.id, { onDelete: 'set null' }),
  frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Read-only links to one quarter's board pack, for readers without an account. */
export const shareLinks = pgTable(
  'share_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    // SHA-256 of the link's token, which is shown once to its creator.
    tokenHash: text('token_hash').notNull(),
    quarter: text('quarter').notNull(),
    label: text('label').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
    opens: integer('opens').notNull().default(0),
  },
  (t) => [
    uniqueIndex('share_links_token_hash_idx').on(t.tokenHash),
    index('share_links_quarter_idx').on(t.quarter),
  ],
);
