import { defined } from '@salesready/db/defined';
import { type Job, readJobByKey } from '@salesready/db/jobs/queue';
import { settings } from '@salesready/db/schema/index';
import { demoPresence, removeDemoData } from '@salesready/db/seed/remove-demo';
import { readSettings } from '@salesready/db/settings';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { type AppEnv, demoAccount } from '../context';
import { AppError } from '../errors';
import { enqueueSalesReadyRule, salesReadyRuleKey } from '../jobs/kinds/sales-ready-rule';
import { requireRole } from '../middleware/require-role';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { timezoneParam } from '../params';
import { postSettingsDemoRemoveAnswer, settingsAnswer, settingsDemoAnswer } from '../schemas/data-answers';

const settingsBody = z
  .object({
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    timezone: timezoneParam,
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

/** The re-application of the sales-ready rule as the settings page shows it. */
function ruleJob(job: Job | undefined) {
  if (!job) return null;
  const { id, status, progress, createdAt, finishedAt, lastError } = job;
  return { id, status, progress, createdAt, finishedAt, lastError };
}

export const settingsRoutes = new Hono<AppEnv>()
  // With the latest re-application of the sales-ready rule (null when the rule never changed).
  .get('/', responds(settingsAnswer), async (c) => {
    const { db } = c.var.deps;
    const [current, job] = await Promise.all([readSettings(db), readJobByKey(db, salesReadyRuleKey)]);
    return c.json({ settings: current, salesReadyJob: ruleJob(job) });
  })
  .put('/', responds(settingsAnswer), requireRole('admin'), validate('json', settingsBody), async (c) => {
    const { db } = c.var.deps;
    const changes = c.req.valid('json');
    const before = await readSettings(db);
    const { after, job } = await db.transaction(async (tx) => {
      const [row] = await tx.update(settings).set(changes).where(eq(settings.id, 1)).returning();
      // The sales-ready rule is applied on write (docs/decisions/0002): a changed rule is re-applied to
      // every lead by a job, in batches (docs/decisions/0020), queued with the change in one transaction.
      const ruleChanged =
        row &&
        (row.salesReadyBantThreshold !== before.salesReadyBantThreshold ||
          row.useCrmSalesReady !== before.useCrmSalesReady);
      return {
        after: defined(row),
        job: ruleChanged ? await enqueueSalesReadyRule(tx as typeof db) : undefined,
      };
    });
    await audit(db, c.var.user.id, 'settings.update', 'settings', changes);
    if (job) c.var.deps.wakeJobs?.();
    const latest = job ?? (await readJobByKey(db, salesReadyRuleKey));
    return c.json({ settings: after, salesReadyJob: ruleJob(latest) });
  })
  // Whether the demo's data is still here (the import wizard and Settings offer to remove it).
  .get('/demo', responds(settingsDemoAnswer), async (c) =>
    c.json(await demoPresence(c.var.deps.db, demoAccount.email)),
  )
  /**
   * "Start with your own data": removes the demo's leads, touches, targets, spend, unused sources and
   * account at once. Only an admin of their own: the demo account cannot remove itself and leave nobody.
   */
  .post(
    '/demo/remove',
    responds(postSettingsDemoRemoveAnswer),
    requireRole('admin'),
    validate('json', z.object({ confirm: z.literal(true) }).strict()),
    async (c) => {
      const { db } = c.var.deps;
      if (c.var.user.email === demoAccount.email) {
        throw new AppError(
          'conflict',
          'create your own admin account first (Settings → Users), sign in with it, then remove the demo data',
        );
      }
      const removed = await removeDemoData(db, demoAccount.email);
      await audit(db, c.var.user.id, 'demo.remove', 'demo', removed);
      return c.json({ removed, ...(await demoPresence(db, demoAccount.email)) });
    },
  );
