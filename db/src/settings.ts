import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { settings } from './schema/settings';

export type Settings = typeof settings.$inferSelect;

export async function readSettings(db: Database): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error('the settings row is missing: run the migrations');
  return row;
}
