import { customType, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

export type ImportError = { line: number; column: string | null; message: string };

/**
 * A chunked import's state, kept on its row so any server instance can take its next chunk: the
 * file's size and chunk size, the header and the compiled mapping (docs/decisions/0019).
 */
export interface ImportUpload {
  size: number;
  chunkBytes: number;
  chunkCount: number;
  /** Chunks stored (always 0…nextChunk−1) and the bytes they hold. */
  nextChunk: number;
  committedBytes: number;
  /** Whatever the client identifies the file by (name, size, date, a hash of its start). */
  fingerprint: string | null;
  encoding: 'utf-8' | 'latin1';
  headers: string[];
  delimiter: string;
  /** The mapping as compiled from the file's first rows: fields, values, constants, zone, date orders. */
  spec: unknown;
  originSystem: string;
  unchanged: number;
  errorCount: number;
  /** Whether a stored chunk held the header (the first record), which is not a lead. */
  headerSeen: boolean;
}

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
  /** Set for an import sent in chunks; null for one read from a single upload or a local file. */
  upload: jsonb('upload').$type<ImportUpload>(),
});

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * One stored chunk of a chunked import: what it did (the answer a repeat gets), its bytes' hash (a
 * repeat must match), and the unfinished record its end cut off, which the next chunk starts with.
 */
export const importChunks = pgTable(
  'import_chunks',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    tail: bytea('tail').notNull(),
    /** The file line the tail's record starts on. */
    nextLine: integer('next_line').notNull(),
    result: jsonb('result').notNull(),
    storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.n] })],
);
