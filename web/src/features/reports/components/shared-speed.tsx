import { definitions } from '../../../lib/definitions';
import { formatDays, formatDecimal, formatInteger, formatRate } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';
import { FigureList } from './shared-figure-list';

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
        <div className="table-scroll shared-table">
          <table className="data-table" data-testid="shared-speed-table">
            <caption className="visually-hidden">Days to sales-ready by source</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col" className="num">
                  SRLs
                </th>
                <th scope="col" className="num" title={definitions.medianDaysToSalesReady}>
                  Median days
                </th>
                <th scope="col" className="num" title={definitions.p75DaysToSalesReady}>
                  P75 days
                </th>
                <th scope="col" className="num">
                  Median days to won
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.source}>
                  <th scope="row">{r.source}</th>
                  <td className="num">{formatInteger(r.salesReady)}</td>
                  <td className="num">{formatDecimal(r.medianDaysToSalesReady)}</td>
                  <td className="num">{formatDecimal(r.p75DaysToSalesReady)}</td>
                  <td className="num">{formatDecimal(r.medianDaysToWon)}</td>
                </tr>
              ))}
              <tr className="total-row">
                <th scope="row">All sources</th>
                <td className="num">{formatInteger(sources.totals.salesReady)}</td>
                <td className="num">{formatDecimal(sources.totals.medianDaysToSalesReady)}</td>
                <td className="num">{formatDecimal(sources.totals.p75DaysToSalesReady)}</td>
                <td className="num">{formatDecimal(sources.totals.medianDaysToWon)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
