import type { Database } from '@salesready/db/client';
import type { PacingFigures } from '@salesready/db/queries/pacing/quarter-pacing';
import { pacingMetrics } from '@salesready/db/queries/pacing/quarter-shapes';
import { resolvePacing } from '../../figures/pacing';
import { resolveLeadFilter } from '../../figures/period-query';
import type { Cell, Column, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput } from './common';

export const metricNames = {
  leads: 'Leads',
  salesReady: 'SRLs',
  pipeline: 'Pipeline created',
  revenue: 'Won revenue',
} as const;

const columns: Column[] = [
  { header: 'Metric', kind: 'text', width: 18 },
  { header: 'Unit', kind: 'text', width: 8 },
  { header: 'Row', kind: 'text', width: 8 },
  { header: 'Source ID', kind: 'integer', width: 10 },
  { header: 'Source', kind: 'text', width: 24 },
  { header: 'Category', kind: 'text', width: 12 },
  { header: 'Target', kind: 'number' },
  { header: 'Actual to date', kind: 'number' },
  { header: 'Expected share', kind: 'rate' },
  { header: 'Expected to date', kind: 'number' },
  { header: 'Pacing', kind: 'rate' },
  { header: 'Projection', kind: 'number' },
  { header: 'Projection low (P10)', kind: 'number' },
  { header: 'Projection high (P90)', kind: 'number' },
  { header: 'Gap (target − projection)', kind: 'number' },
  { header: 'Projection: run rate', kind: 'number' },
  { header: 'Projection: funnel', kind: 'number' },
  { header: 'Historical share', kind: 'rate' },
  { header: 'Causes', kind: 'text', width: 30 },
];

const figures = (f: PacingFigures): Cell[] => [
  f.target,
  f.actualToDate,
  f.expectedShare,
  f.expectedToDate,
  f.pacing,
  f.projection,
  f.projectionLow,
  f.projectionHigh,
  f.gap,
  f.projectionParts.runRate,
  f.projectionParts.funnel,
];

/** Pacing of the four target metrics: for each, the overall row, then one row per source. */
export async function pacingTable(
  db: Database,
  query: MetricsQueryInput & { asOf?: string | undefined },
  ctx: ExportContext,
): Promise<ExportTable> {
  const [pacing, leads] = await Promise.all([resolvePacing(db, query), resolveLeadFilter(db, query)]);
  const rows: Cell[][] = [];
  for (const metric of pacingMetrics) {
    const m = pacing.metrics[metric];
    const name = metricNames[metric];
    rows.push([name, m.unit, 'overall', null, 'All sources', null, ...figures(m.overall), null, null]);
    for (const s of m.sources) {
      rows.push([
        name,
        m.unit,
        'source',
        s.sourceId,
        s.source,
        s.category,
        ...figures(s),
        s.historicalShare,
        s.causes.join(', ') || null,
      ]);
    }
  }
  return {
    name: 'pacing',
    title: 'Pacing',
    columns,
    rows,
    periodLabel: pacing.quarter.label,
    about: await aboutFor(db, ctx, {
      report:
        'Pacing and the gap: actual to date, expected to date, projection to quarter end with its range, and the gap, overall and per source',
      period: pacing.quarter,
      timezone: pacing.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'As of (day)', value: pacing.asOf },
        { key: 'Days elapsed', value: pacing.daysElapsed },
        { key: 'Days in quarter', value: pacing.daysInQuarter },
        { key: 'Weeks remaining', value: pacing.weeksRemaining },
        {
          key: 'Shape',
          value: `${pacing.history.shape} (history: ${pacing.history.quarters.join(', ') || 'none'})`,
        },
      ],
    }),
  };
}
