import { definitions } from '../../../lib/definitions';
import { formatDays, formatDecimal, formatInteger, formatRate } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';
import { definedColumn } from './defined-column';
import { FigureList } from './shared-figure-list';
import { type FigureColumn, FigureTable } from './shared-figure-table';

/** Days from creation to sales-ready of the quarter's SRLs: median and p75, overall and by source. */
export function SharedSpeed({ pack }: { pack: SharedPack }) {
  const { kpis, details, sources } = pack;
  const rows = sources.rows.filter((r) => r.medianDaysToSalesReady !== null);
  return (
    <>
      <FigureList
        columns={5}
        testId="shared-speed-figures"
        items={[
          {
            label: 'Median days to sales-ready',
            value: formatDays(kpis.medianDaysToSalesReady.value),
            definition: definitions.medianDaysToSalesReady,
          },
          {
            label: 'P75 days to sales-ready',
            value: formatDays(details.p75DaysToSalesReady.value),
            definition: definitions.p75DaysToSalesReady,
          },
          {
            label: 'Median touches to sales-ready',
            value: formatDecimal(details.medianTouchesToSalesReady.value),
            note: 'marketing touches from creation to sales-ready',
          },
          {
            label: 'SRLs with 7–15 touches',
            value: formatRate(details.touchesToSalesReady7To15Share.value),
            note: 'share of the quarter’s SRLs',
          },
          {
            label: 'Median sales cycle',
            value: formatDays(details.medianSalesCycleDays.value),
            note: 'created → won, deals won in the quarter',
          },
        ]}
      />
      {rows.length > 0 && (
        <FigureTable
          caption="Days to sales-ready by source"
          testId="shared-speed-table"
          rowsLabel="Source"
          rows={rows}
          rowKey={(r) => r.source}
          rowHeader={(r) => r.source}
          columns={speedColumns}
          total={{ label: 'All sources', figures: sources.totals }}
        />
      )}
    </>
  );
}

const speedColumns: FigureColumn<SharedPack['sources']['totals']>[] = [
  { key: 'srls', label: 'SRLs', cell: (r) => formatInteger(r.salesReady) },
  definedColumn('median', 'Median days', 'medianDaysToSalesReady', formatDecimal),
  definedColumn('p75', 'P75 days', 'p75DaysToSalesReady', formatDecimal),
  { key: 'won', label: 'Median days to won', cell: (r) => formatDecimal(r.medianDaysToWon) },
];
