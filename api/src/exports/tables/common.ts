import type { Database } from '@salesready/db/client';
import type { Period } from '@salesready/db/periods';
import type { LeadFilter } from '@salesready/db/queries/filter';
import type { resolveMetricsQuery } from '../../figures/period-query';
import { aboutBlock, dataFreshness, describeFilters } from '../about';
import type { AboutEntry } from '../table';

/** The period and lead filters of a metrics query, as resolveMetricsQuery takes them. */
export type MetricsQueryInput = Parameters<typeof resolveMetricsQuery>[1];

/** What every table builder gets besides its query: when, and the request's query string. */
export interface ExportContext {
  generatedAt: Date;
  /** The query string as sent (without `about`), written in the About block. */
  query: string;
  currency: string;
}

export interface AboutFor {
  report: string;
  period: Period;
  timezone: string;
  leads: LeadFilter;
  rows: number;
  extra?: AboutEntry[];
}

export async function aboutFor(db: Database, ctx: ExportContext, input: AboutFor): Promise<AboutEntry[]> {
  const [filters, freshness] = await Promise.all([describeFilters(db, input.leads), dataFreshness(db)]);
  return aboutBlock({
    report: input.report,
    period: input.period,
    timezone: input.timezone,
    filters,
    query: ctx.query,
    generatedAt: ctx.generatedAt,
    freshness,
    rows: input.rows,
    extra: [{ key: 'Currency (amounts)', value: ctx.currency }, ...(input.extra ?? [])],
  });
}

/** Column header for an amount: "Revenue (USD)". */
export const money = (label: string, ctx: ExportContext) => `${label} (${ctx.currency})`;

export const viewWords = {
  cohort: 'cohort view: leads created in the period, followed to today',
  period: 'period view: events counted in the period they happened',
} as const;
