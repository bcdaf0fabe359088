import type { Database } from '@salesready/db/client';
import { parseQuarter } from '@salesready/db/periods';
import { marketingContribution } from '@salesready/db/queries/attribution/marketing-contribution';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { pipelineCreated } from '@salesready/db/queries/overview/pipeline-created';
import type { PacingMetric } from '@salesready/db/queries/pacing/quarter-shapes';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { readSettings } from '@salesready/db/settings';
import { type FigureEntry, type FigureId, figureCatalogue } from './catalogue';
import { resolvePacing } from './pacing';
import { type PeriodQuery, type ResolvedMetricsQuery, resolveMetricsQuery } from './period-query';
import { waterfallFigureValues } from './waterfall';

export type FigureValues = Record<FigureId, number | null>;

export interface FigureAnswer {
  period: ResolvedMetricsQuery['periods']['current'];
  /** When the figures were computed: the snapshot figures (open pipeline, waiting leads) are as of it. */
  asOf: string;
  figures: (FigureEntry & { value: number | null })[];
}

const pacedMetrics: Record<'leads' | 'srls' | 'pipelineCreated' | 'wonRevenue', PacingMetric> = {
  leads: 'leads',
  srls: 'salesReady',
  pipelineCreated: 'pipeline',
  wonRevenue: 'revenue',
};

/**
 * Every catalogued figure for one period and filter, each from the one query module that computes it
 * wherever it is shown. The pacing figures belong to a fiscal quarter: for another range they are null.
 */
export async function figureValues(
  db: Database,
  query: PeriodQuery & Parameters<typeof resolveMetricsQuery>[1],
  now = new Date(),
): Promise<{ resolved: ResolvedMetricsQuery; values: FigureValues }> {
  const resolved = await resolveMetricsQuery(db, query, now);
  const { filter, periods } = resolved;
  const settings = await readSettings(db);
  const isQuarter = parseQuarter(periods.current.label) !== null;
  // One after another: PGlite answers one query at a time anyway, and a pool is not flooded.
  const kpis = await overviewKpis(db, filter);
  const details = await overviewDetails(db, filter);
  const cohort = (await sourceReport(db, filter, 'cohort')).totals;
  const period = (await sourceReport(db, filter, 'period')).totals;
  const created = await pipelineCreated(db, filter);
  const marketing = await marketingContribution(db, filter);
  const pacing = isQuarter
    ? await resolvePacing(db, { ...query, quarter: periods.current.label }, now)
    : null;
  const handoff = (await speedToLead(db, filter, { slaHours: settings.slaHours, now })).overall;
  const waiting = { now, limit: 0, offset: 0 };
  const neglected = await neglectedLeads(db, filter, { ...waiting, slaHours: settings.slaHours });
  const stalled = await stalledLeads(db, filter, { ...waiting, stalledDays: settings.stalledDays });
  const waterfall = await waterfallFigureValues(db, periods.current.label, filter, now);

  const paced = (metric: keyof typeof pacedMetrics, part: 'target' | 'projection' | 'gap') => {
    const overall = pacing?.metrics[pacedMetrics[metric]].overall;
    return overall ? overall[part] : null;
  };
  const values: FigureValues = {
    leads: kpis.leads,
    mqls: details.mqls,
    srls: kpis.salesReady,
    srlRate: kpis.salesReadyRate,
    medianDaysToSrl: kpis.medianDaysToSalesReady,
    p75DaysToSrl: details.p75DaysToSalesReady,
    meanBantScore: details.meanBantScore,
    medianTouchesToSrl: details.medianTouchesToSalesReady,
    touches7To15Share: details.touchesToSalesReady7To15Share,
    leadVelocityRate: details.leadVelocityRate,
    opportunities: details.opportunities,
    won: details.won,
    lost: details.lost,
    wonRevenue: kpis.wonRevenue,
    openPipeline: details.pipeline,
    pipelineCreated: created,
    winRate: details.winRate,
    salesCycleDays: details.medianSalesCycleDays,
    cohortMqls: cohort.mqls,
    cohortSrls: cohort.salesReady,
    cohortOpportunities: cohort.opportunities,
    cohortWon: cohort.won,
    cohortRevenue: cohort.revenue,
    cohortSrlToOpportunityRate: cohort.salesReadyToOpportunity,
    cohortOpportunityToWonRate: cohort.opportunityToWon,
    cohortLeadToWonRate: cohort.leadToWon,
    cohortMedianDaysToSrl: cohort.medianDaysToSalesReady,
    cohortP75DaysToSrl: cohort.p75DaysToSalesReady,
    spend: cohort.spend,
    costPerLead: cohort.costPerLead,
    costPerSrl: period.costPerSalesReady,
    cohortCostPerSrl: cohort.costPerSalesReady,
    costPerOpportunity: period.costPerOpportunity,
    cohortCostPerOpportunity: cohort.costPerOpportunity,
    costPerWonDeal: period.costPerWon,
    cohortCostPerWonDeal: cohort.costPerWon,
    salesCost: cohort.salesCost,
    cac: period.cac,
    cohortCac: cohort.cac,
    marketingSourcedPipeline: marketing.pipeline.sourced,
    marketingInfluencedPipeline: marketing.pipeline.influenced,
    marketingSourcedRevenue: marketing.revenue.sourced,
    marketingInfluencedRevenue: marketing.revenue.influenced,
    'target.leads': paced('leads', 'target'),
    'projection.leads': paced('leads', 'projection'),
    'gap.leads': paced('leads', 'gap'),
    'target.srls': paced('srls', 'target'),
    'projection.srls': paced('srls', 'projection'),
    'gap.srls': paced('srls', 'gap'),
    'target.pipelineCreated': paced('pipelineCreated', 'target'),
    'projection.pipelineCreated': paced('pipelineCreated', 'projection'),
    'gap.pipelineCreated': paced('pipelineCreated', 'gap'),
    'target.wonRevenue': paced('wonRevenue', 'target'),
    'projection.wonRevenue': paced('wonRevenue', 'projection'),
    'gap.wonRevenue': paced('wonRevenue', 'gap'),
    'nextQuarter.openPipeline': pacing?.nextQuarter.openPipelineNow ?? null,
    'nextQuarter.startingPipeline': pacing?.nextQuarter.startingPipeline ?? null,
    'nextQuarter.winRate': pacing?.nextQuarter.winRate ?? null,
    'nextQuarter.slippage': pacing?.nextQuarter.slippage ?? null,
    'nextQuarter.coverageNeeded': pacing?.nextQuarter.coverageNeeded ?? null,
    'nextQuarter.requiredPipeline': pacing?.nextQuarter.requiredPipeline ?? null,
    'nextQuarter.coverage': pacing?.nextQuarter.coverage ?? null,
    medianDaysToFollowUp: handoff.medianHours === null ? null : handoff.medianHours / 24,
    slaAttainment: handoff.slaAttainment,
    neglectedSrls: neglected.total,
    stalledSrls: stalled.total,
    ...waterfall,
  };
  return { resolved, values };
}

/** The catalogue with each figure's value: the answer of `GET /api/figures`. */
export async function figureAnswer(
  db: Database,
  query: Parameters<typeof figureValues>[1],
  now = new Date(),
): Promise<FigureAnswer> {
  const { resolved, values } = await figureValues(db, query, now);
  return {
    period: resolved.periods.current,
    asOf: now.toISOString(),
    figures: figureCatalogue.map((entry) => ({ ...entry, value: values[entry.id] })),
  };
}
