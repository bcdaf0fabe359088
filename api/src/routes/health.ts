import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, driver, version } = c.var.deps;
  await db.execute(sql`select 1`);
  return c.json({ status: 'ok' as const, db: driver, version });
});
