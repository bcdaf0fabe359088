import type { Database } from '@salesready/db/client';
import {
  type SourceFigures,
  type SourceReport,
  sourceReport,
} from '@salesready/db/queries/sources/source-report';
import type { MetricView } from '@salesready/db/queries/stages';
import { type FigureId, figureEntry } from '../../figures/catalogue';
import { resolveMetricsQuery } from '../../figures/period-query';
import type { Cell, Column, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput, money, viewWords } from './common';

/** The catalogue's label of a column's figure in a view (the cohort view counts other figures). */
function label(view: MetricView, period: FigureId, cohort: FigureId = period): string {
  return figureEntry(view === 'cohort' ? cohort : period).label;
}

function columns(ctx: ExportContext, view: MetricView): Column[] {
  return [
    { header: 'Row', kind: 'text', width: 12 },
    { header: 'Source ID', kind: 'integer', width: 10 },
    { header: 'Source', kind: 'text', width: 24 },
    { header: 'Category', kind: 'text', width: 12 },
    { header: label(view, 'leads'), kind: 'integer' },
    { header: label(view, 'mqls', 'cohortMqls'), kind: 'integer' },
    { header: label(view, 'srls', 'cohortSrls'), kind: 'integer' },
    { header: label(view, 'srlRate'), kind: 'rate' },
    { header: label(view, 'opportunities', 'cohortOpportunities'), kind: 'integer' },
    { header: label(view, 'won', 'cohortWon'), kind: 'integer' },
    { header: view === 'cohort' ? label(view, 'cohortLeadToWonRate') : 'Won rate', kind: 'rate' },
    { header: money(label(view, 'wonRevenue', 'cohortRevenue'), ctx), kind: 'money' },
    { header: 'Lead → SRL', kind: 'rate' },
    {
      header: view === 'cohort' ? label(view, 'cohortSrlToOpportunityRate') : 'SRL → opportunity',
      kind: 'rate',
    },
    {
      header: view === 'cohort' ? label(view, 'cohortOpportunityToWonRate') : 'Opportunity → won',
      kind: 'rate',
    },
    { header: 'Lead → won', kind: 'rate' },
    { header: label(view, 'medianDaysToSrl', 'cohortMedianDaysToSrl'), kind: 'days' },
    { header: label(view, 'p75DaysToSrl', 'cohortP75DaysToSrl'), kind: 'days' },
    { header: 'Median days to won', kind: 'days' },
    { header: money(label(view, 'spend'), ctx), kind: 'money' },
    { header: money(label(view, 'costPerLead'), ctx), kind: 'money' },
    { header: money(label(view, 'costPerSrl', 'cohortCostPerSrl'), ctx), kind: 'money' },
    { header: money(label(view, 'costPerOpportunity', 'cohortCostPerOpportunity'), ctx), kind: 'money' },
    { header: money(label(view, 'costPerWonDeal', 'cohortCostPerWonDeal'), ctx), kind: 'money' },
    { header: money(label(view, 'salesCost'), ctx), kind: 'money' },
    { header: money(label(view, 'cac', 'cohortCac'), ctx), kind: 'money' },
    // The rates' numerators (their denominators are Leads, SRLs and Opportunities): see "Rates" in About.
    { header: 'Leads then SRL', kind: 'integer' },
    { header: 'SRLs then opportunity', kind: 'integer' },
    { header: 'Opportunities then won', kind: 'integer' },
    { header: 'Leads then won', kind: 'integer' },
  ];
}

const figures = (f: SourceFigures): Cell[] => [
  f.leads,
  f.mqls,
  f.salesReady,
  f.salesReadyRate,
  f.opportunities,
  f.won,
  f.wonRate,
  f.revenue,
  f.leadToSalesReady,
  f.salesReadyToOpportunity,
  f.opportunityToWon,
  f.leadToWon,
  f.medianDaysToSalesReady,
  f.p75DaysToSalesReady,
  f.medianDaysToWon,
  f.spend,
  f.costPerLead,
  f.costPerSalesReady,
  f.costPerOpportunity,
  f.costPerWon,
  f.salesCost,
  f.cac,
  f.leadsThenSalesReady,
  f.salesReadyThenOpportunity,
  f.opportunitiesThenWon,
  f.leadsThenWon,
];

/** Sources grouped by category: each category's sources, then its subtotal; the total last. */
export function sourceRows(report: SourceReport): Cell[][] {
  const rows: Cell[][] = [];
  for (const category of report.byCategory) {
    for (const source of report.rows.filter((r) => r.category === category.category)) {
      rows.push(['source', source.sourceId, source.source, source.category, ...figures(source)]);
    }
    rows.push(['subtotal', null, `All ${category.category}`, category.category, ...figures(category)]);
  }
  rows.push(['total', null, 'All sources', null, ...figures(report.totals)]);
  return rows;
}

export async function sourcesTable(
  db: Database,
  query: MetricsQueryInput & { view: MetricView },
  ctx: ExportContext,
): Promise<ExportTable> {
  const { periods, leads, filter } = await resolveMetricsQuery(db, query);
  const report = await sourceReport(db, filter, query.view);
  const rows = sourceRows(report);
  return {
    name: 'sources',
    title: 'Sources',
    columns: columns(ctx, query.view),
    rows,
    periodLabel: periods.current.label,
    about: await aboutFor(db, ctx, {
      report:
        'Sources: volume, quality, speed, conversion, revenue and cost by source, with category subtotals and totals',
      period: periods.current,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'View', value: viewWords[query.view] },
        { key: 'SRL rate, Lead → SRL', value: report.rateBases.salesReadyRate.description },
        { key: 'Won rate, Lead → won', value: report.rateBases.wonRate.description },
        { key: 'SRL → opportunity', value: report.rateBases.salesReadyToOpportunity.description },
        { key: 'Opportunity → won', value: report.rateBases.opportunityToWon.description },
      ],
    }),
  };
}
