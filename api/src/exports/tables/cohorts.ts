import type { Database } from '@salesready/db/client';
import { type Period, shiftQuarter } from '@salesready/db/periods';
import { splitRange } from '@salesready/db/queries/buckets';
import { type AgeRates, cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import { filterFor, resolveMetricsQuery } from '../../figures/period-query';
import { lastDay } from '../about';
import type { Cell, Column, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput, money } from './common';

const ages = (label: string): Column[] => [
  { header: `${label} within 30 days`, kind: 'rate' },
  { header: `${label} within 60 days`, kind: 'rate' },
  { header: `${label} within 90 days`, kind: 'rate' },
  { header: `${label} within 180 days`, kind: 'rate' },
  { header: `${label} to date`, kind: 'rate' },
];

const ageCells = (r: AgeRates): Cell[] => [r.d30, r.d60, r.d90, r.d180, r.toDate];

export async function cohortsTable(
  db: Database,
  query: MetricsQueryInput & { grain: 'quarter' | 'month' },
  ctx: ExportContext,
): Promise<ExportTable> {
  const { periods, leads } = await resolveMetricsQuery(db, query);
  // Without a period: the eight fiscal quarters up to and including the current one (as the endpoint).
  let range: Period = periods.current;
  if (!query.quarter && !query.from) {
    const first = shiftQuarter(periods.current.label, -7, periods.fiscalYearStartMonth);
    range = { label: `${first.label}..${periods.current.label}`, from: first.from, to: periods.current.to };
  }
  const asOf = ctx.generatedAt;
  const cohorts = await cohortConversion(
    db,
    filterFor(range, periods.timezone, leads),
    splitRange(range, query.grain, periods.fiscalYearStartMonth),
    asOf,
  );
  const columns: Column[] = [
    { header: 'Cohort', kind: 'text', width: 12 },
    { header: 'First day', kind: 'date' },
    { header: 'Last day', kind: 'date' },
    { header: 'Leads', kind: 'integer' },
    ...ages('SRL rate'),
    ...ages('Won rate'),
    { header: 'SRLs to date', kind: 'integer' },
    { header: 'Won to date', kind: 'integer' },
    { header: money('Revenue to date', ctx), kind: 'money' },
  ];
  const rows = cohorts.map((c): Cell[] => [
    c.label,
    c.from,
    lastDay(c),
    c.leads,
    ...ageCells(c.salesReady),
    ...ageCells(c.won),
    c.salesReadyToDate,
    c.wonToDate,
    c.revenueToDate,
  ]);
  return {
    name: 'cohorts',
    title: 'Cohorts',
    columns,
    rows,
    periodLabel: range.label,
    about: await aboutFor(db, ctx, {
      report:
        'Cohorts: leads grouped by when they were created, the share sales-ready and won within 30, 60, 90 and 180 days and to date (an age is empty until the whole cohort is that old)',
      period: range,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'Cohorts by', value: query.grain === 'month' ? 'calendar month' : 'fiscal quarter' },
        { key: 'Ages as of', value: asOf },
      ],
    }),
  };
}
