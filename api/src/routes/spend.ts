import type { Database } from '@salesready/db/client';
import { supportedYears } from '@salesready/db/periods';
import { settings } from '@salesready/db/schema/index';
import { resolveSourceNames, sourceIdsForNames } from '@salesready/db/sources/resolve-sources';
import { sourceKey } from '@salesready/db/sources/source-key';
import { readSpendCsv, SpendFileError } from '@salesready/db/spend/read-spend-csv';
import { salesCostMonths, setSalesCost } from '@salesready/db/spend/sales-cost-store';
import { type SpendPresetName, spendPresets } from '@salesready/db/spend/spend-presets';
import { monthTotals, type SpendChange, setSpend, spendGrid } from '@salesready/db/spend/spend-store';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { readTextWithin } from '../read-body';
import {
  postSpendImportAnswer,
  putSpendAnswer,
  spendAnswer,
  spendPresetsAnswer,
} from '../schemas/data-answers';

const maxSpendFileBytes = 5 * 1024 * 1024;
/** The grid shows at most three years at once. */
const maxGridMonths = 36;
const maxEntries = 2_000;

/** A month `YYYY-MM` within the supported years, as the first day of that month. */
export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine((m) => {
    const year = Number(m.slice(0, 4));
    return year >= supportedYears.first && year <= supportedYears.last;
  }, `must fall in the years ${supportedYears.first} to ${supportedYears.last}`)
  .transform((m) => `${m}-01`);

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));

function monthList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= monthsBetween(from, to); i++) {
    const date = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1 + i, 1));
    out.push(date.toISOString().slice(0, 10));
  }
  return out;
}

const amount = z.number().finite().min(0, 'spend cannot be negative').max(1e12);
const gridBody = z
  .object({
    entries: z
      .array(
        z.strictObject({
          sourceId: z.number().int().min(1).max(2_147_483_647),
          month: monthParam,
          amount: amount.nullable(),
        }),
      )
      .max(maxEntries)
      .default([]),
    salesCost: z
      .array(z.strictObject({ month: monthParam, amount: amount.nullable() }))
      .max(maxGridMonths * 4)
      .default([])
      .describe('the sales team’s cost per month, for the customer acquisition cost (null clears a month)'),
  })
  .strict()
  .refine((b) => b.entries.length + b.salesCost.length > 0, {
    message: 'send at least one entry or sales cost month',
    path: ['entries'],
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.salesCost.forEach((e, index) => {
      if (seen.has(e.month))
        ctx.addIssue({ code: 'custom', path: ['salesCost', index, 'month'], message: 'names a month twice' });
      seen.add(e.month);
    });
  });

const presetNames = spendPresets.map((p) => p.name) as [string, ...string[]];
const importQuery = z
  .object({
    preset: z.enum(presetNames).optional(),
    source: z.string().trim().min(1).max(100).optional(),
    dateOrder: z.enum(['mdy', 'dmy']).optional(),
    dryRun: z.enum(['true', 'false']).optional(),
  })
  .strict();

async function companyCurrency(db: Database): Promise<string> {
  const [row] = await db.select({ currency: settings.currency }).from(settings);
  return row?.currency ?? 'USD';
}

async function unknownSources(db: Database, ids: number[]): Promise<number[]> {
  const rows = await db.query.sources.findMany({ columns: { id: true } });
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/**
 * Marketing spend per source and month (admins and executives, see the app): the grid in Settings, and spend
 * files from the ad platforms' exports. Cost per lead, SRL, opportunity and won deal read it.
 */
export const spendRoutes = new Hono<AppEnv>()
  .get(
    '/',
    responds(spendAnswer),
    validate(
      'query',
      z
        .object({ from: monthParam, to: monthParam })
        .strict()
        .refine((q) => q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] })
        .refine((q) => monthsBetween(q.from, q.to) < maxGridMonths, {
          message: `at most ${maxGridMonths} months at once`,
          path: ['to'],
        }),
    ),
    async (c) => {
      const { db } = c.var.deps;
      const { from, to } = c.req.valid('query');
      const [rows, currency, salesCost] = await Promise.all([
        spendGrid(db, from, to),
        companyCurrency(db),
        salesCostMonths(db, from, to),
      ]);
      return c.json({ months: monthList(from, to), currency, sources: rows, salesCost });
    },
  )
  .put('/', responds(putSpendAnswer), validate('json', gridBody), async (c) => {
    const { db } = c.var.deps;
    const { entries, salesCost } = c.req.valid('json');
    const unknown = await unknownSources(db, [...new Set(entries.map((e) => e.sourceId))]);
    if (unknown.length) {
      const index = entries.findIndex((e) => unknown.includes(e.sourceId));
      throw new AppError('bad_request', `entries.${index}.sourceId: unknown source ${unknown[0]}`, [
        { path: `entries.${index}.sourceId`, message: 'unknown source' },
      ]);
    }
    const changes = await setSpend(db, entries, 'grid');
    const salesCostChanges = await setSalesCost(db, salesCost, 'grid');
    await audit(db, c.var.user.id, 'spend.update', null, {
      count: changes.length,
      salesCostMonths: salesCostChanges.length,
    });
    return c.json({
      changed: changes.length + salesCostChanges.length,
      changes,
      salesCost: salesCostChanges,
    });
  })
  .post('/import', responds(postSpendImportAnswer), validate('query', importQuery), async (c) => {
    const { db } = c.var.deps;
    const query = c.req.valid('query');
    const text = await readTextWithin(c.req.raw, maxSpendFileBytes, 'a spend file may be at most 5 MB');
    let file: ReturnType<typeof readSpendCsv>;
    try {
      file = readSpendCsv(text, {
        preset: query.preset as SpendPresetName | undefined,
        source: query.source,
        currency: await companyCurrency(db),
        dateOrder: query.dateOrder,
      });
    } catch (error) {
      if (error instanceof SpendFileError) {
        throw new AppError('bad_request', error.message, [{ path: 'file', message: error.message }]);
      }
      throw error;
    }
    const dryRun = query.dryRun === 'true';
    const totals = monthTotals(file.rows);
    let changes: SpendChange[] = [];
    if (totals.length) {
      const ids = dryRun
        ? await existingSourceIds(
            db,
            totals.map((t) => t.source),
          )
        : await sourceIdsForNames(
            db,
            totals.map((t) => t.source),
          );
      const entries = totals.flatMap((t) => {
        const sourceId = ids.get(sourceKey(t.source));
        return sourceId ? [{ sourceId, month: t.month, campaign: t.campaign, amount: t.amount }] : [];
      });
      changes = await setSpend(db, entries, 'file', { dryRun });
      // In a preview, a source the file would create has no row yet: its months are all new.
      const created = new Map<string, SpendChange>();
      for (const t of totals.filter((t) => !ids.has(sourceKey(t.source)))) {
        const key = `${sourceKey(t.source)}|${t.month}`;
        const month = created.get(key) ?? {
          sourceId: 0,
          source: t.source,
          month: t.month,
          before: null,
          after: 0,
        };
        month.after = Math.round(((month.after ?? 0) + t.amount) * 100) / 100;
        created.set(key, month);
      }
      changes.push(...created.values());
    }
    if (!dryRun) {
      await audit(db, c.var.user.id, 'spend.import', file.label, {
        preset: file.preset,
        read: file.read,
        rejected: file.problems.length,
        changed: changes.length,
      });
    }
    return c.json({
      preset: file.preset,
      label: file.label,
      dryRun,
      read: file.read,
      accepted: file.rows.length,
      rejected: new Set(file.problems.map((p) => p.line)).size,
      problems: file.problems.slice(0, 200),
      months: changes,
    });
  })
  .get('/presets', responds(spendPresetsAnswer), (c) =>
    c.json({
      presets: spendPresets.map((p) => ({ name: p.name, label: p.label, defaultSource: p.defaultSource })),
    }),
  );

/** Source ids for names that join a source there is (a preview creates nothing). */
async function existingSourceIds(db: Database, names: string[]): Promise<Map<string, number>> {
  const matches = await resolveSourceNames(db, names);
  return new Map([...matches].map(([key, match]) => [key, match.sourceId]));
}
