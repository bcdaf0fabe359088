import type { Database } from '@salesready/db/client';
import { type Period, shiftQuarter } from '@salesready/db/periods';
import {
  type MarketingContribution,
  marketingContribution,
} from '@salesready/db/queries/attribution/marketing-contribution';
import {
  type RevenueAttribution,
  revenueAttribution,
} from '@salesready/db/queries/attribution/revenue-attribution';
import { splitRange } from '@salesready/db/queries/buckets';
import { type CohortRow, cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import { type FunnelReport, funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import { type SpeedToLead, speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { type OverviewDetails, overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { type OverviewKpis, overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import type { QuarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { type SourceReport, sourceReport } from '@salesready/db/queries/sources/source-report';
import { readSettings } from '@salesready/db/settings';
import { pipelineWaterfall, type WaterfallTotals } from '@salesready/db/snapshots/pipeline-waterfall';
import { dataFreshness } from '../../exports/about';
import { type Compared, withComparisons } from '../../figures/comparisons';
import { resolvePacing } from '../../figures/pacing';
import { filterFor, type ResolvedPeriods, resolvePeriods } from '../../figures/period-query';
import { resolveWaterfallFilter } from '../../figures/waterfall';

/** Every figure of the board pack for one fiscal quarter, company-wide, from the same queries as the API. */
export interface BoardPackData {
  generatedAt: Date;
  /** The latest change to any lead. */
  freshness: Date | null;
  currency: string;
  timezone: string;
  periods: ResolvedPeriods;
  quarter: Period;
  kpis: Compared<OverviewKpis>;
  details: Compared<OverviewDetails>;
  pacing: QuarterPacing;
  /**
   * The pipeline waterfall of the quarter as the Pacing page shows it (from the day before it starts to
   * today or its last day; deals expected to close in it). Absent from packs frozen before it was added.
   */
  waterfall?: { from: string; to: string; overall: WaterfallTotals };
  /** Period view: sums to the quarter's KPIs. */
  sources: SourceReport;
  marketing: MarketingContribution;
  attribution: RevenueAttribution;
  /** Cohort view: the leads created in the quarter, followed to today. */
  funnel: FunnelReport;
  /** The eight fiscal quarters up to this one. */
  cohorts: CohortRow[];
  cohortRange: Period;
  handoff: SpeedToLead;
  slaHours: number;
  stalledDays: number;
  neglected: number;
  stalled: number;
}

export async function boardPackData(
  db: Database,
  quarter: string | undefined,
  now = new Date(),
): Promise<BoardPackData> {
  const settings = await readSettings(db);
  const periods = await resolvePeriods(db, quarter ? { quarter } : {}, now);
  const filter = filterFor(periods.current, periods.timezone);
  const first = shiftQuarter(periods.current.label, -7, periods.fiscalYearStartMonth);
  const cohortRange = {
    label: `${first.label}..${periods.current.label}`,
    from: first.from,
    to: periods.current.to,
  };
  // One after another: PGlite answers one query at a time anyway, and a pool is not flooded.
  const kpis = await withComparisons(db, periods, overviewKpis);
  const details = await withComparisons(db, periods, overviewDetails);
  const pacing = await resolvePacing(db, { quarter: periods.current.label }, now);
  const movements = await pipelineWaterfall(
    db,
    await resolveWaterfallFilter(db, { quarter: periods.current.label }, now),
  );
  const sources = await sourceReport(db, filter, 'period');
  const marketing = await marketingContribution(db, filter);
  const attribution = await revenueAttribution(db, filter);
  const funnel = await funnelReport(db, filter, 'cohort');
  const cohorts = await cohortConversion(
    db,
    filterFor(cohortRange, periods.timezone),
    splitRange(cohortRange, 'quarter', periods.fiscalYearStartMonth),
    now,
  );
  const handoff = await speedToLead(db, filter, { slaHours: settings.slaHours, now });
  const waiting = { now, limit: 0, offset: 0 };
  const neglected = await neglectedLeads(db, filter, { ...waiting, slaHours: settings.slaHours });
  const stalled = await stalledLeads(db, filter, { ...waiting, stalledDays: settings.stalledDays });
  return {
    generatedAt: now,
    freshness: await dataFreshness(db),
    currency: settings.currency,
    timezone: periods.timezone,
    periods,
    quarter: periods.current,
    kpis,
    details,
    pacing,
    waterfall: { from: movements.from, to: movements.to, overall: movements.overall },
    sources,
    marketing,
    attribution,
    funnel,
    cohorts,
    cohortRange,
    handoff,
    slaHours: settings.slaHours,
    stalledDays: settings.stalledDays,
    neglected: neglected.total,
    stalled: stalled.total,
  };
}
