import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import type { MetricView } from '@salesready/db/queries/stages';
import { resolveMetricsQuery } from '../../figures/period-query';
import type { Cell, Column, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput, viewWords } from './common';

/** Stage names as the product spec writes them. */
export const stageNames: Record<string, string> = {
  lead: 'Lead',
  mql: 'MQL',
  salesReady: 'SRL',
  accepted: 'SAL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
};

const columns: Column[] = [
  { header: 'Row', kind: 'text', width: 8 },
  { header: 'Stage', kind: 'text', width: 14 },
  { header: 'Count', kind: 'integer' },
  { header: 'Step conversion', kind: 'rate' },
  { header: 'Cumulative conversion', kind: 'rate' },
  { header: 'Drop-off', kind: 'integer' },
  { header: 'Drop-off rate', kind: 'rate' },
  { header: 'Median days in stage', kind: 'days' },
  { header: 'Exit from', kind: 'text', width: 14 },
  { header: 'Exit share', kind: 'rate' },
];

export async function funnelTable(
  db: Database,
  query: MetricsQueryInput & { view: MetricView },
  ctx: ExportContext,
): Promise<ExportTable> {
  const { periods, leads, filter } = await resolveMetricsQuery(db, query);
  const report = await funnelReport(db, filter, query.view);
  const rows: Cell[][] = [
    ...report.stages.map((s): Cell[] => [
      'stage',
      defined(stageNames[s.stage]),
      s.count,
      s.stepConversion,
      s.cumulativeConversion,
      s.dropOff,
      s.dropOffRate,
      s.medianDaysInStage,
      null,
      null,
    ]),
    ...report.exits.map((e): Cell[] => [
      'exit',
      defined(stageNames[e.stage]),
      e.count,
      null,
      null,
      null,
      null,
      null,
      defined(stageNames[e.from]),
      e.conversion,
    ]),
  ];
  const a = report.anomalies;
  return {
    name: 'funnel',
    title: 'Funnel',
    columns,
    rows,
    periodLabel: periods.current.label,
    about: await aboutFor(db, ctx, {
      report: 'Funnel: leads reaching each stage, conversion, drop-off and time in stage; exits',
      period: periods.current,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'View', value: viewWords[query.view] },
        { key: 'Leads in scope', value: a.leadsInScope },
        { key: 'Leads that skipped a stage', value: a.skippedAny },
        { key: 'Leads with stages out of order', value: a.outOfOrder },
      ],
    }),
  };
}
