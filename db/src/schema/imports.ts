import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

export type ImportError = { line: number; column: string | null; message: string };

export const imports = pgTable('imports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  fileName: text('file_name').notNull(),
  mapping: jsonb('mapping').notNull(),
  mode: text('mode').$type<'upsert' | 'update'>().notNull().default('upsert'),
  status: text('status')
    .$type<'running' | 'completed' | 'failed' | 'interrupted'>()
    .notNull()
    .default('running'),
  read: integer('read').notNull().default(0),
  inserted: integer('inserted').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  errors: jsonb('errors').$type<ImportError[]>().notNull().default([]),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
