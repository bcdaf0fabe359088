import type { Database } from '@salesready/db/client';
import {
  type Contribution,
  marketingContribution,
} from '@salesready/db/queries/attribution/marketing-contribution';
import { revenueAttribution } from '@salesready/db/queries/attribution/revenue-attribution';
import { resolveMetricsQuery } from '../../figures/period-query';
import type { Cell, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput, money } from './common';

/** Won revenue credited to sources by first touch, last touch before SRL and linear; the total last. */
export async function attributionTable(
  db: Database,
  query: MetricsQueryInput,
  ctx: ExportContext,
): Promise<ExportTable> {
  const { periods, leads, filter } = await resolveMetricsQuery(db, query);
  const attribution = await revenueAttribution(db, filter);
  const rows: Cell[][] = [
    ...attribution.rows.map((r): Cell[] => [
      'source',
      r.sourceId,
      r.source,
      r.category,
      r.firstTouch,
      r.lastTouch,
      r.linear,
    ]),
  ];
  const t = attribution.totals;
  rows.push(['total', null, 'All sources', null, t.firstTouch, t.lastTouch, t.linear]);
  return {
    name: 'attribution',
    title: 'Attribution',
    columns: [
      { header: 'Row', kind: 'text', width: 8 },
      { header: 'Source ID', kind: 'integer', width: 10 },
      { header: 'Source', kind: 'text', width: 24 },
      { header: 'Category', kind: 'text', width: 12 },
      { header: money('First touch', ctx), kind: 'money' },
      { header: money('Last touch before SRL', ctx), kind: 'money' },
      { header: money('Linear', ctx), kind: 'money' },
    ],
    rows,
    periodLabel: periods.current.label,
    about: await aboutFor(db, ctx, {
      report: 'Attribution: won revenue of the period credited to sources by three models side by side',
      period: periods.current,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'Deals won', value: t.deals },
        { key: money('Won revenue', ctx), value: t.wonRevenue },
      ],
    }),
  };
}

/**
 * Marketing-sourced and marketing-influenced pipeline and won revenue (they overlap: never add them):
 * the two totals first, then the same per source; each column of a measure's source rows adds up to its total.
 */
export async function marketingTable(
  db: Database,
  query: MetricsQueryInput,
  ctx: ExportContext,
): Promise<ExportTable> {
  const { periods, leads, filter } = await resolveMetricsQuery(db, query);
  const m = await marketingContribution(db, filter);
  const measures = [
    ['Pipeline (open at the end of the period)', 'pipeline'],
    ['Won revenue (deals won in the period)', 'revenue'],
  ] as const;
  const line = (label: string, source: [number | null, string, string | null], c: Contribution): Cell[] => [
    label,
    ...source,
    c.total,
    c.deals,
    c.sourced,
    c.sourcedDeals,
    c.sourcedShare,
    c.influenced,
    c.influencedDeals,
    c.influencedShare,
  ];
  const rows = [
    ...measures.map(([label, part]) => line(label, [null, 'All sources', null], m[part])),
    ...measures.flatMap(([label, part]) =>
      m.bySource
        .filter((s) => s[part].deals > 0)
        .map((s) => line(label, [s.sourceId, s.source, s.category], s[part])),
    ),
  ];
  return {
    name: 'marketing',
    title: 'Marketing contribution',
    columns: [
      { header: 'Measure', kind: 'text', width: 40 },
      { header: 'Source ID', kind: 'integer', width: 10 },
      { header: 'Source', kind: 'text', width: 24 },
      { header: 'Category', kind: 'text', width: 12 },
      { header: money('Total', ctx), kind: 'money' },
      { header: 'Deals', kind: 'integer' },
      { header: money('Marketing-sourced', ctx), kind: 'money' },
      { header: 'Sourced deals', kind: 'integer' },
      { header: 'Sourced share', kind: 'rate' },
      { header: money('Marketing-influenced', ctx), kind: 'money' },
      { header: 'Influenced deals', kind: 'integer' },
      { header: 'Influenced share', kind: 'rate' },
    ],
    rows,
    periodLabel: periods.current.label,
    about: await aboutFor(db, ctx, {
      report:
        'Marketing contribution: marketing-sourced and marketing-influenced pipeline and won revenue, in total and per source (the two overlap: never add them)',
      period: periods.current,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        {
          key: 'Influenced',
          value: `a marketing touch within ${m.influenceWindowDays} days before the opportunity`,
        },
      ],
    }),
  };
}
