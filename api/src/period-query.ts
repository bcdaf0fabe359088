import type { Database } from '@salesready/db/client';
import {
  comparisonPeriods,
  daysBetween,
  fiscalQuarter,
  isValidDate,
  type Period,
  parseQuarter,
  quarterOfDate,
  todayIn,
} from '@salesready/db/periods';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { readSettings } from '@salesready/db/settings';
import { z } from 'zod';
import { AppError } from './errors';

const maxRangeDays = 3660;

/** `?quarter=2026-Q1` (fiscal) or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (to exclusive); neither means this quarter. */
export const periodQuery = z
  .object({
    quarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'must be a fiscal quarter such as 2026-Q1')
      .optional(),
    from: z.string().refine(isValidDate, 'must be a date YYYY-MM-DD').optional(),
    to: z.string().refine(isValidDate, 'must be a date YYYY-MM-DD').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.quarter && (q.from || q.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['quarter'],
        message: 'give either quarter or from/to, not both',
      });
    }
    if (Boolean(q.from) !== Boolean(q.to)) {
      ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'from and to go together' });
    }
    if (q.from && q.to && isValidDate(q.from) && isValidDate(q.to)) {
      const days = daysBetween(q.from, q.to);
      if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      if (days > maxRangeDays)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range may span at most 10 years' });
    }
  });

export type PeriodQuery = z.infer<typeof periodQuery>;

export interface ResolvedPeriods {
  current: Period;
  previous: Period;
  yearAgo: Period;
  timezone: string;
  fiscalYearStartMonth: number;
}

/** Turns the query into the period and its comparison periods, under the company's fiscal settings. */
export async function resolvePeriods(
  db: Database,
  query: PeriodQuery,
  now = new Date(),
): Promise<ResolvedPeriods> {
  const settings = await readSettings(db);
  const start = settings.fiscalYearStartMonth;
  let current: Period;
  if (query.quarter) {
    const q = parseQuarter(query.quarter);
    if (!q) throw new AppError('bad_request', 'quarter: must be a fiscal quarter such as 2026-Q1');
    current = fiscalQuarter(q.year, q.quarter, start);
  } else if (query.from && query.to) {
    current = { label: `${query.from}..${query.to}`, from: query.from, to: query.to };
  } else {
    current = quarterOfDate(todayIn(settings.timezone, now), start);
  }
  return {
    current,
    ...comparisonPeriods(current, start),
    timezone: settings.timezone,
    fiscalYearStartMonth: start,
  };
}

export function filterFor(period: Period, timezone: string): MetricFilter {
  return { from: period.from, to: period.to, timezone };
}
