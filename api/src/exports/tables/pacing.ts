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
  { header: 'Gap to its part of the target', kind: 'number' },
  { header: 'Share of the gap (of the short sources’ total)', kind: 'rate' },
  { header: 'Ahead by (offsets the gap)', kind: 'number' },
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

const round = (n: number) => Math.round(n * 100) / 100;

/** Pacing of the four target metrics: for each, the overall row, then one row per source. */
export async function pacingTable(
  db: Database,
  query: MetricsQueryInput & { asOf?: string | undefined },
  ctx: ExportContext,
): Promise<ExportTable> {
  const [pacing, leads] = await Promise.all([resolvePacing(db, query), resolveLeadFilter(db, query)]);
  const rows: Cell[][] = [];
  const gapNotes: { key: string; value: string }[] = [];
  for (const metric of pacingMetrics) {
    const m = pacing.metrics[metric];
    const name = metricNames[metric];
    const e = m.explained;
    // The overall row: the net gap and the total offset (gap = shortfall − offset).
    rows.push([
      name,
      m.unit,
      'overall',
      null,
      'All sources',
      null,
      ...figures(m.overall),
      null,
      null,
      e?.gap ?? null,
      null,
      e?.offset ?? null,
    ]);
    for (const s of m.sources) {
      const part = e?.rows.find((r) => r.basis !== 'unallocated' && r.sourceId === s.sourceId);
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
        part?.gap ?? null,
        part?.shareOfGap ?? null,
        part && part.gap < 0 ? -part.gap : null,
      ]);
    }
    if (e) {
      const unallocated = e.rows.find((r) => r.basis === 'unallocated');
      gapNotes.push({
        key: `${name}: gap = short − ahead`,
        value: `${round(e.shortfall)} − ${round(e.offset)} = ${round(e.gap)}${unallocated ? ` (target not allocated to a source: ${round(unallocated.gap)}${unallocated.shareOfGap === null ? '' : `, ${Math.round(unallocated.shareOfGap * 1000) / 10}% of the shortfall`})` : ''}`,
      });
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
        {
          key: 'Quarter closed',
          value: pacing.closed ? 'yes: projection = actual, gap = target − actual' : 'no',
        },
        { key: 'Days elapsed', value: pacing.daysElapsed },
        { key: 'Days in quarter', value: pacing.daysInQuarter },
        { key: 'Weeks remaining', value: pacing.weeksRemaining },
        {
          key: 'Shape',
          value: `${pacing.history.shape} (history: ${pacing.history.quarters.join(', ') || 'none'})`,
        },
        {
          key: 'Share of the gap',
          value:
            'a short source’s gap ÷ the sum of the short sources’ gaps (adds up to 100%); sources ahead offset it',
        },
        ...gapNotes,
      ],
    }),
  };
}
