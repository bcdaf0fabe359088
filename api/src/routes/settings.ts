import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { settings } from '@salesready/db/schema/index';
import { readSettings } from '@salesready/db/settings';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { requireRole } from '../middleware/require-role';
import { validate } from '../middleware/validate';

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const settingsBody = z
  .object({
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    timezone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    salesReadyBantThreshold: z.number().int().min(1).max(4),
    useCrmSalesReady: z.boolean(),
    slaHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    stalledDays: z.number().int().min(1).max(365),
    influenceWindowDays: z.number().int().min(1).max(730),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one setting to change');

export const settingsRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ settings: await readSettings(c.var.deps.db) }))
  .put('/', requireRole('admin'), validate('json', settingsBody), async (c) => {
    const { db } = c.var.deps;
    const changes = c.req.valid('json');
    const before = await readSettings(db);
    const after = await db.transaction(async (tx) => {
      const [row] = await tx.update(settings).set(changes).where(eq(settings.id, 1)).returning();
      // The sales-ready rule is applied on write (docs/decisions/0002): re-apply it to every lead.
      if (
        row &&
        (row.salesReadyBantThreshold !== before.salesReadyBantThreshold ||
          row.useCrmSalesReady !== before.useCrmSalesReady)
      ) {
        await applySalesReadyRule(tx as typeof db);
      }
      return row!;
    });
    await audit(db, c.var.user.id, 'settings.update', 'settings', changes);
    return c.json({ settings: after });
  });
