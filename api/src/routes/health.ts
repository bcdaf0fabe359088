import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { responds } from '../middleware/responds';
import { healthAnswer } from '../schemas/responses';

export const healthRoutes = new Hono<AppEnv>().get('/', responds(healthAnswer), async (c) => {
  const { db, driver, version } = c.var.deps;
  await db.execute(sql`select 1`);
  return c.json({ status: 'ok' as const, db: driver, version });
});
