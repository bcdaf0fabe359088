import { formatCount, formatMoney, formatRate } from '../format';
import type { BoardPackData } from './data';
import { type Layout, palette } from './layout';
import { lineChart } from './series-charts';

export function drawCohorts(layout: Layout, data: BoardPackData): void {
  const { cohorts } = data;
  layout.section(
    'Cohorts',
    'Leads grouped by the fiscal quarter they were created in, and the share sales-ready and won within 30, 90 and 180 days of creation and to date. An age stays empty until the whole cohort is that old, so young cohorts are compared at the ages they have all reached.',
    'cohorts',
  );
  lineChart(layout, {
    title: 'SRL rate by cohort and age',
    categories: cohorts.map((c) => c.label),
    series: [
      { name: 'Within 30 days', colour: palette.lightBlue, values: cohorts.map((c) => c.salesReady.d30) },
      { name: 'Within 90 days', colour: palette.blue, values: cohorts.map((c) => c.salesReady.d90) },
      { name: 'To date', colour: palette.navy, values: cohorts.map((c) => c.salesReady.toDate) },
    ],
    format: (n) => formatRate(n).replace('.0%', '%'),
  });
  layout.table(
    [
      { header: 'Cohort', width: 0.1 },
      { header: 'Leads', width: 0.08, align: 'right' },
      { header: 'SRL in 30 days', width: 0.1, align: 'right' },
      { header: 'SRL in 90 days', width: 0.1, align: 'right' },
      { header: 'SRL to date', width: 0.1, align: 'right' },
      { header: 'Won in 90 days', width: 0.1, align: 'right' },
      { header: 'Won in 180 days', width: 0.1, align: 'right' },
      { header: 'Won to date', width: 0.1, align: 'right' },
      { header: 'Revenue to date', width: 0.12, align: 'right' },
    ],
    cohorts.map((c) => ({
      cells: [
        c.label,
        formatCount(c.leads),
        formatRate(c.salesReady.d30),
        formatRate(c.salesReady.d90),
        formatRate(c.salesReady.toDate),
        formatRate(c.won.d90),
        formatRate(c.won.d180),
        formatRate(c.won.toDate),
        formatMoney(c.revenueToDate, data.currency),
      ],
    })),
    { caption: 'Cohorts' },
  );
}
