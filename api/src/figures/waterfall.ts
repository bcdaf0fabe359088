import type { Database } from '@salesready/db/client';
import { addDays, parseQuarter, quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { readSettings } from '@salesready/db/settings';
import { pipelineWaterfall, type WaterfallFilter } from '@salesready/db/snapshots/pipeline-waterfall';
import { AppError } from '../errors';

export interface WaterfallQuery {
  from?: string;
  to?: string;
  quarter?: string;
  source?: number[];
  owner?: string[];
}

/**
 * The two dates and the close window. With a quarter: by default from the day before it starts to today
 * (or its last day), and only deals expected to close in it count as pipeline; without one, the current
 * quarter's dates and every open deal.
 */
export async function resolveWaterfallFilter(
  db: Database,
  q: WaterfallQuery,
  now = new Date(),
): Promise<WaterfallFilter> {
  const settings = await readSettings(db);
  const today = todayIn(settings.timezone, now);
  const quarter =
    q.quarter && parseQuarter(q.quarter) ? shiftQuarter(q.quarter, 0, settings.fiscalYearStartMonth) : null;
  const current = quarter ?? quarterOfDate(today, settings.fiscalYearStartMonth);
  const from = q.from ?? addDays(current.from, -1);
  const last = addDays(current.to, -1);
  // The earlier of the two days (ISO dates sort as text).
  const to = q.to ?? ([last, today].sort()[0] as string);
  if (to < from) {
    throw new AppError('bad_request', 'invalid query: to must be on or after from', [
      { path: 'to', message: `must be on or after from (${from})` },
    ]);
  }
  return {
    from,
    to,
    timezone: settings.timezone,
    ...(quarter && { closeFrom: quarter.from, closeTo: quarter.to }),
    ...(q.source?.length && { sourceIds: q.source }),
    ...(q.owner?.length && { owners: q.owner }),
  };
}

const none = {
  'waterfall.starting': null,
  'waterfall.new': null,
  'waterfall.pulledIn': null,
  'waterfall.pushedOut': null,
  'waterfall.increased': null,
  'waterfall.decreased': null,
  'waterfall.won': null,
  'waterfall.lost': null,
  'waterfall.ending': null,
};

/**
 * The waterfall's catalogued figures for a fiscal quarter, as the Pacing page shows them (its default
 * dates and close window). Null for another range, or a filter the waterfall does not take (category,
 * segment, country).
 */
export async function waterfallFigureValues(
  db: Database,
  periodLabel: string,
  filter: MetricFilter,
  now = new Date(),
): Promise<Record<keyof typeof none, number | null>> {
  if (
    !parseQuarter(periodLabel) ||
    filter.categories?.length ||
    filter.segments?.length ||
    filter.countries?.length
  )
    return none;
  const f = await resolveWaterfallFilter(
    db,
    { quarter: periodLabel, source: filter.sourceIds, owner: filter.owners },
    now,
  );
  const { overall: o } = await pipelineWaterfall(db, f);
  return {
    'waterfall.starting': o.starting,
    'waterfall.new': o.new,
    'waterfall.pulledIn': o.pulledIn,
    'waterfall.pushedOut': o.pushedOut,
    'waterfall.increased': o.increased,
    'waterfall.decreased': o.decreased,
    'waterfall.won': o.won,
    'waterfall.lost': o.lost,
    'waterfall.ending': o.ending,
  };
}
