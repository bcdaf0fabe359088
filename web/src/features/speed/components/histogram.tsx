import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { formatInteger, formatPercent } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';

interface HistogramProps<B extends { leads: number }> {
  option: ChartOption;
  ariaLabel: string;
  height: number;
  testId: string;
  buckets: B[];
  keyOf: (bucket: B) => number;
  labelOf: (bucket: B) => string;
  /** The unseen table's caption and its first column's heading. */
  caption: string;
  bucketHeading: string;
  /** The table also gives each bucket's share of all SRLs. */
  withShare?: boolean;
  /** The lead list of one bar's SRLs (by index): a click on the bar opens it. */
  hrefFor: (index: number) => string;
}

/** A histogram of SRLs whose bars open their leads, with the same figures in a table for screen readers. */
export function Histogram<B extends { leads: number }>({
  option,
  ariaLabel,
  height,
  testId,
  buckets,
  keyOf,
  labelOf,
  caption,
  bucketHeading,
  withShare = false,
  hrefFor,
}: HistogramProps<B>) {
  const total = buckets.reduce((sum, b) => sum + b.leads, 0);
  return (
    <>
      <EChart
        option={option}
        ariaLabel={ariaLabel}
        height={height}
        testId={testId}
        onClick={({ dataIndex }) => navigate(hrefFor(dataIndex))}
      />
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{bucketHeading}</th>
            <th scope="col">SRLs</th>
            {withShare && <th scope="col">Share</th>}
          </tr>
        </thead>
        <tbody>
          {buckets.map((b, i) => (
            <tr key={keyOf(b)}>
              <th scope="row">{labelOf(b)}</th>
              <td>
                {/* Out of the tab order: the table is unseen; the card's links serve the keyboard. */}
                <Link to={hrefFor(i)} tabIndex={-1}>
                  {formatInteger(b.leads)}
                </Link>
              </td>
              {withShare && <td>{formatPercent(total > 0 ? b.leads / total : null)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
