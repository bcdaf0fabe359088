import { NumHeader } from '../../../components/num-header';
import { SkeletonTable } from '../../../components/skeleton-table';
import { categoryNames } from '../../../lib/filters';
import { formatDecimal, formatInteger, formatPercent } from '../../../lib/format';
import { Link } from '../../../lib/router';
import type { Speed, SpeedSourceRow } from '../api/get-speed';
import { speedDefinitions } from '../speed-definitions';

interface SourceSpeedTableProps {
  speed: Speed;
  /** The lead list behind a source's SRLs; null when there is none to filter by ("Unknown"). */
  linkFor: (row: SpeedSourceRow) => string | null;
}

/** The figure columns after the source, each with the definition its heading shows on hover. */
const figureColumns: { label: string; term: keyof typeof speedDefinitions }[] = [
  { label: 'SRLs', term: 'salesReady' },
  { label: 'Median days', term: 'medianDays' },
  { label: 'p75 days', term: 'p75Days' },
  { label: 'Median touches', term: 'medianTouches' },
  { label: '7–15 touches', term: 'share7To15' },
];

/** Per source: SRLs, median and p75 days to sales-ready, median touches, share in the 7–15 band. */
export function SourceSpeedTable({ speed, linkFor }: SourceSpeedTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table speed-table" data-testid="speed-table">
        <caption className="visually-hidden">Time to sales-ready by source</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            {figureColumns.map((c) => (
              <NumHeader key={c.label} title={speedDefinitions[c.term]}>
                {c.label}
              </NumHeader>
            ))}
          </tr>
        </thead>
        <tbody>
          {speed.bySource.map((row) => {
            const href = linkFor(row);
            return (
              <tr key={row.sourceId ?? 'unknown'} data-testid={`speed-row-${row.sourceId ?? 'unknown'}`}>
                <th scope="row">
                  <span className={`category-dot category-${row.category}`} aria-hidden="true" />
                  {href ? (
                    <Link to={href} className="row-link" title={`Open the SRLs from ${row.source}`}>
                      {row.source}
                    </Link>
                  ) : (
                    row.source
                  )}
                  <span className="row-meta">{categoryNames[row.category]}</span>
                </th>
                <Figures row={row} />
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">All sources</th>
            <Figures row={speed.totals} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Figures({ row }: { row: Speed['totals'] }) {
  const unmeasured = row.salesReady - row.measured;
  return (
    <>
      <td
        className="num"
        title={
          unmeasured > 0 ? `${formatInteger(unmeasured)} left out: ${speedDefinitions.leftOut}` : undefined
        }
      >
        {formatInteger(row.salesReady)}
        {unmeasured > 0 && <span className="speed-left-out">*</span>}
      </td>
      <td className="num">{formatDecimal(row.medianDaysToSalesReady)}</td>
      <td className="num">{formatDecimal(row.p75DaysToSalesReady)}</td>
      <td className="num">{formatDecimal(row.medianTouchesToSalesReady)}</td>
      <td className="num">{formatPercent(row.touchesToSalesReady7To15Share)}</td>
    </>
  );
}

/** Rows of grey bars the size of the table, so nothing moves when the figures arrive. */
export function SourceSpeedTableSkeleton() {
  return (
    <SkeletonTable
      className="speed-table"
      head={
        <tr>
          <th>Source</th>
          {figureColumns.map((c) => (
            <th key={c.label} className="num">
              {c.label}
            </th>
          ))}
        </tr>
      }
      rows={6}
      cells={5}
      cellClassName={() => 'num'}
    />
  );
}
