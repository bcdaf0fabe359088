import type { Database } from '@salesready/db/client';
import type { DataScope } from '@salesready/db/figure-cache';
import { readCoverageWeeks, readTrackRecord } from '@salesready/db/forecast/track-record';
import { withTrackRecord } from '@salesready/db/forecast/with-track-record';
import { quarterOfDate, todayIn } from '@salesready/db/periods';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { firstLeadDate, type PacingWindow, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { readSettings } from '@salesready/db/settings';
import type { z } from 'zod';
import { AppError } from '../errors';
import { dateParam } from '../params';
import { keptValue } from './answers';
import { hasLeadFilter, metricsQuery, resolveLeadFilter } from './period-query';

export const pacingQuery = metricsQuery({
  asOf: dateParam.optional(),
});
type PacingQuery = z.output<typeof pacingQuery>;

/**
 * What the pacing model reads: the leads' stage dates (through the transition and stage rollups, whose
 * counts no touch changes), the sources, the targets and the settings. A touch leaves the pacing kept.
 */
const pacingReads: readonly DataScope[] = ['leads', 'sources', 'targets', 'settings'];

/**
 * The pacing page, the alerts, the pacing export and the board pack ask for the same quarter's pacing,
 * often at once: one computation serves them, kept for its data version (the window names the day, so
 * tomorrow's pacing is computed afresh).
 */
function sharedPacing(db: Database, window: PacingWindow, filter: MetricFilter): Promise<QuarterPacing> {
  return keptValue(db, JSON.stringify(['pacing', window, filter]), pacingReads, () =>
    quarterPacing(db, window, filter),
  );
}

/**
 * The quarter's pacing as of a day (default: this fiscal quarter, as of today in the company's zone),
 * with the forecast's track record and the range it calibrates (docs/decisions/0025).
 */
export async function resolvePacing(
  db: Database,
  query: PacingQuery,
  now = new Date(),
): Promise<QuarterPacing> {
  if (query.from || query.to) {
    const message = 'pacing is by fiscal quarter: give quarter (and asOf), not from/to';
    throw new AppError('bad_request', `invalid query: ${message}`, [
      { path: query.from ? 'from' : 'to', message },
    ]);
  }
  const settings = await readSettings(db);
  const today = todayIn(settings.timezone, now);
  const [leads, firstDay] = await Promise.all([
    resolveLeadFilter(db, query),
    firstLeadDate(db, settings.timezone),
  ]);
  const window = pacingWindow({
    quarter: query.quarter ?? quarterOfDate(today, settings.fiscalYearStartMonth).label,
    asOf: query.asOf ?? today,
    timezone: settings.timezone,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    firstDataDate: firstDay,
  });
  const pacing = await sharedPacing(db, window, {
    ...leads,
    from: window.quarter.from,
    to: window.quarter.to,
    timezone: settings.timezone,
  });
  // The track record and the coverage trend are the whole company's: a filtered or closed quarter has neither.
  if (pacing.closed || hasLeadFilter(leads)) return pacing;
  const [record, trend] = [
    await readTrackRecord(db),
    await readCoverageWeeks(db, window.quarter.label, window.asOf),
  ];
  const tracked = withTrackRecord(pacing, record);
  return { ...tracked, nextQuarter: { ...tracked.nextQuarter, trend } };
}
