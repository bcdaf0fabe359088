import { formatCount, formatDays, formatDecimal, formatRate } from '../format';
import type { BoardPackData } from './data';
import { type Layout, palette } from './layout';
import { barChart } from './series-charts';
import { comparedWith, kpiTile, figureLabel as label } from './summary';

/** Time to sales-ready: median and p75 (never a mean alone: the distribution is skewed). */
export function drawSpeed(layout: Layout, data: BoardPackData): void {
  const { kpis, details, currency } = data;
  const compare = comparedWith(data);
  layout.section(
    'Time to sales-ready',
    'Days from creation to sales-ready for the leads that became sales-ready in the quarter: median and 75th percentile.',
    'speed',
  );
  layout.tiles(
    [
      kpiTile(label('medianDaysToSrl'), kpis.medianDaysToSalesReady, 'days', currency, compare, true),
      kpiTile(label('p75DaysToSrl'), details.p75DaysToSalesReady, 'days', currency, compare, true),
      kpiTile(label('salesCycleDays'), details.medianSalesCycleDays, 'days', currency, compare, true),
    ],
    3,
  );
  layout.paragraph(
    `Touches to sales-ready: a median of ${formatDecimal(details.medianTouchesToSalesReady.value)} marketing touches; ${formatRate(details.touchesToSalesReady7To15Share.value)} of SRLs had 7 to 15.`,
    { size: 9 },
  );
  const rows = data.sources.rows.filter((r) => r.medianDaysToSalesReady !== null);
  barChart(layout, {
    title: 'Days to sales-ready by source',
    categories: rows.map((r) => `${r.source} (${formatCount(r.salesReady)})`),
    series: [
      { name: 'Median', colour: palette.navy, values: rows.map((r) => r.medianDaysToSalesReady) },
      { name: '75th percentile', colour: palette.lightBlue, values: rows.map((r) => r.p75DaysToSalesReady) },
    ],
    format: (n) => formatDecimal(n),
    labelWidth: 150,
  });
  layout.table(
    [
      { header: 'Source', width: 0.34 },
      { header: 'SRLs', width: 0.16, align: 'right' },
      { header: 'Median days', width: 0.16, align: 'right' },
      { header: 'P75 days', width: 0.16, align: 'right' },
      { header: 'Median days to won', width: 0.18, align: 'right' },
    ],
    [
      ...rows.map((r) => ({
        cells: [
          r.source,
          formatCount(r.salesReady),
          formatDays(r.medianDaysToSalesReady),
          formatDays(r.p75DaysToSalesReady),
          formatDays(r.medianDaysToWon),
        ],
      })),
      {
        bold: true,
        cells: [
          'All sources',
          formatCount(data.sources.totals.salesReady),
          formatDays(data.sources.totals.medianDaysToSalesReady),
          formatDays(data.sources.totals.p75DaysToSalesReady),
          formatDays(data.sources.totals.medianDaysToWon),
        ],
      },
    ],
    { caption: 'Days to sales-ready by source' },
  );
}
