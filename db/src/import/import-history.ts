import { desc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { imports } from '../schema/imports';
import { users } from '../schema/users';

const columns = {
  id: imports.id,
  fileName: imports.fileName,
  mode: imports.mode,
  status: imports.status,
  read: imports.read,
  inserted: imports.inserted,
  updated: imports.updated,
  rejected: imports.rejected,
  userId: imports.userId,
  userEmail: users.email,
  startedAt: imports.startedAt,
  finishedAt: imports.finishedAt,
};

/** One import's state and report (rows read, written, rejected, and the stored problems). */
export async function getImport(db: Database, id: number) {
  const [row] = await db
    .select({ ...columns, mapping: imports.mapping, errors: imports.errors })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.userId))
    .where(eq(imports.id, id));
  if (!row) return null;
  const { mapping, ...rest } = row;
  const preset = (mapping as { preset?: string | null }).preset ?? null;
  return { ...rest, preset, unchanged: unchangedOf(row), mapping };
}

/** Every row read is inserted, updated, unchanged or rejected. */
function unchangedOf(row: { read: number; inserted: number; updated: number; rejected: number }): number {
  return Math.max(0, row.read - row.inserted - row.updated - row.rejected);
}

/** The import history, newest first. */
export async function listImports(db: Database, limit = 50) {
  const rows = await db
    .select(columns)
    .from(imports)
    .leftJoin(users, eq(users.id, imports.userId))
    .orderBy(desc(imports.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, unchanged: unchangedOf(row) }));
}
