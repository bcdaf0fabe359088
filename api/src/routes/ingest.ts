import { defined } from '@salesready/db/defined';
import type { LeadWrite } from '@salesready/db/import/lead-fields';
import { funnelStages, statusForStage } from '@salesready/db/import/lead-fields';
import { writeBatch } from '@salesready/db/import/write-batch';
import { writeTouches } from '@salesready/db/import/write-touches';
import { isSupportedInstant, supportedYears } from '@salesready/db/periods';
import { touchActors } from '@salesready/db/schema/touches';
import { sourceIdsForNames } from '@salesready/db/sources/resolve-sources';
import { sourceKey } from '@salesready/db/sources/source-key';
import { setSalesCost } from '@salesready/db/spend/sales-cost-store';
import { setSpend } from '@salesready/db/spend/spend-store';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../errors';
import type { TokenEnv } from '../middleware/require-token';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  postIngestLeadsAnswer,
  postIngestSalesCostAnswer,
  postIngestSpendAnswer,
  postIngestTouchesAnswer,
} from '../schemas/data-answers';
import { monthParam } from './spend';

export const maxIngestItems = 5_000;
const maxIngestBytes = 10 * 1024 * 1024;
const defaultOrigin = 'api';

// An ISO 8601 instant with its offset, or a date (taken as UTC midnight).
const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v))
  .refine(isSupportedInstant, `must fall in the years ${supportedYears.first} to ${supportedYears.last}`);
const optionalInstant = instant.nullable().optional();
const text = z.string().trim().max(1000).nullable().optional();
const origin = z.string().trim().min(1).max(50).optional();

const leadItem = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  originSystem: origin,
  createdAt: instant,
  source: text,
  campaign: text,
  company: text,
  segment: text,
  country: text,
  owner: text,
  mqlAt: optionalInstant,
  salesReadyAt: optionalInstant,
  acceptedAt: optionalInstant,
  opportunityAt: optionalInstant,
  wonAt: optionalInstant,
  lostAt: optionalInstant,
  amount: z.number().gt(-1e12).lt(1e12).nullable().optional(),
  budget: z.boolean().optional(),
  authority: z.boolean().optional(),
  need: z.boolean().optional(),
  timeframe: z.boolean().optional(),
  score: z.number().int().min(0).max(100).nullable().optional(),
  stage: z.enum(funnelStages).nullable().optional(),
});
type LeadItem = z.infer<typeof leadItem>;

const touchItem = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  leadExternalId: z.string().trim().min(1).max(200),
  originSystem: origin,
  occurredAt: instant,
  kind: z.string().trim().min(1).max(50),
  channel: z.string().trim().max(100).nullable().optional(),
  actor: z.enum(touchActors),
});

const spendItem = z.strictObject({
  source: z.string().trim().min(1).max(100),
  month: monthParam,
  campaign: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'the campaign, when the month is split by campaign: the items of a month together are its whole spend',
    ),
  amount: z.number().finite().min(0, 'spend cannot be negative').max(1e12),
});

const salesCostItem = z.strictObject({
  month: monthParam,
  amount: z.number().finite().min(0, 'sales cost cannot be negative').max(1e12),
});

/** Only the fields an item carries are written: an omitted field leaves the stored value alone. */
function toLeadWrite(item: LeadItem): LeadWrite {
  const { originSystem: _origin, salesReadyAt, stage, ...rest } = item;
  const lead: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) lead[key] = value;
  if (salesReadyAt !== undefined) lead.crmSalesReadyAt = salesReadyAt;
  if (stage !== undefined) {
    lead.stage = stage;
    if (stage !== null) lead.status = statusForStage(stage);
  } else if (item.wonAt) lead.status = 'won';
  else if (item.lostAt) lead.status = 'lost';
  return lead as unknown as LeadWrite;
}

const limit = bodyLimit({
  maxSize: maxIngestBytes,
  onError: () => {
    throw new AppError('payload_too_large', `the request body is over ${maxIngestBytes / 1024 / 1024} MB`);
  },
});

/** Bulk upsert by external id for scripts and integrations (behind requireToken). Idempotent. */
export const ingestRoutes = new Hono<TokenEnv>()
  .post(
    '/leads',
    responds(postIngestLeadsAnswer),
    limit,
    validate('json', z.object({ leads: z.array(leadItem).min(1).max(maxIngestItems) })),
    async (c) => {
      const { leads } = c.req.valid('json');
      const byOrigin = new Map<string, { line: number; lead: LeadWrite }[]>();
      leads.forEach((item, index) => {
        const key = item.originSystem ?? defaultOrigin;
        const row = { line: index, lead: toLeadWrite(item) };
        const rows = byOrigin.get(key);
        if (rows) rows.push(row);
        else byOrigin.set(key, [row]);
      });
      const totals = {
        received: leads.length,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        repeated: [] as number[],
      };
      for (const [originSystem, rows] of byOrigin) {
        const result = await writeBatch(c.var.deps.db, rows, {
          originSystem,
          mode: 'upsert',
          importId: null,
        });
        totals.inserted += result.inserted;
        totals.updated += result.updated;
        totals.unchanged += result.unchanged;
        totals.repeated.push(...result.repeated.map((r) => r.line));
      }
      totals.repeated.sort((a, b) => a - b);
      return c.json(totals);
    },
  )
  .post(
    '/touches',
    responds(postIngestTouchesAnswer),
    limit,
    validate(
      'json',
      z.object({
        touches: z
          .array(touchItem)
          .min(1)
          .max(maxIngestItems * 2),
      }),
    ),
    async (c) => {
      const { touches } = c.req.valid('json');
      const result = await writeTouches(
        c.var.deps.db,
        touches.map((t) => ({
          externalId: t.externalId,
          leadExternalId: t.leadExternalId,
          originSystem: t.originSystem ?? defaultOrigin,
          occurredAt: t.occurredAt,
          kind: t.kind,
          channel: t.channel ?? null,
          actor: t.actor,
        })),
      );
      return c.json({ received: touches.length, ...result });
    },
  )
  .post(
    '/spend',
    responds(postIngestSpendAnswer),
    limit,
    validate('json', z.object({ spend: z.array(spendItem).min(1).max(maxIngestItems) })),
    async (c) => {
      const { db } = c.var.deps;
      const { spend } = c.req.valid('json');
      // A source's month is set whole by its items (one total, or one item per campaign): two items
      // for the same month and campaign would contradict.
      const seen = new Map<string, number>();
      spend.forEach((item, index) => {
        const key = `${sourceKey(item.source)}|${item.month}|${item.campaign ?? ''}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          throw new AppError(
            'bad_request',
            `spend.${index}: ${item.source} ${item.month.slice(0, 7)}${item.campaign ? ` (${item.campaign})` : ''} is also item ${earlier}; send one amount per source, month and campaign`,
            [{ path: `spend.${index}`, message: 'repeats an earlier source, month and campaign' }],
          );
        }
        seen.set(key, index);
      });
      const ids = await sourceIdsForNames(
        db,
        spend.map((s) => s.source),
      );
      const changes = await setSpend(
        db,
        spend.map((s) => ({
          sourceId: defined(ids.get(sourceKey(s.source))),
          month: s.month,
          campaign: s.campaign ?? '',
          amount: s.amount,
        })),
        'api',
      );
      const months = new Set(spend.map((s) => `${ids.get(sourceKey(s.source))}|${s.month}`)).size;
      return c.json({
        received: spend.length,
        inserted: changes.filter((ch) => ch.before === null).length,
        updated: changes.filter((ch) => ch.before !== null).length,
        unchanged: months - changes.length,
      });
    },
  )
  .post(
    '/sales-cost',
    responds(postIngestSalesCostAnswer),
    limit,
    validate('json', z.object({ salesCost: z.array(salesCostItem).min(1).max(maxIngestItems) })),
    async (c) => {
      const { salesCost } = c.req.valid('json');
      const seen = new Map<string, number>();
      salesCost.forEach((item, index) => {
        const earlier = seen.get(item.month);
        if (earlier !== undefined)
          throw new AppError(
            'bad_request',
            `salesCost.${index}: ${item.month.slice(0, 7)} is also item ${earlier}; send one amount per month`,
            [{ path: `salesCost.${index}.month`, message: 'repeats an earlier month' }],
          );
        seen.set(item.month, index);
      });
      const changes = await setSalesCost(c.var.deps.db, salesCost, 'api');
      return c.json({
        received: salesCost.length,
        inserted: changes.filter((ch) => ch.before === null).length,
        updated: changes.filter((ch) => ch.before !== null).length,
        unchanged: salesCost.length - changes.length,
      });
    },
  );
