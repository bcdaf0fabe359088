import { NumHeader } from '../../../components/num-header';
import { definitions } from '../../../lib/definitions';
import { categoryNames } from '../../../lib/filters';
import { formatPercent } from '../../../lib/format';
import { closedGapDefinition, sharesAddingUp } from '../../../lib/gap';
import {
  causeDefinitions,
  causeNames,
  driverIsShort,
  driverPhrase,
  formatDriverIndex,
  formatMetric,
  formatMetricExact,
} from '../../../lib/pacing';
import type { GapRow, MetricPacing, PacingMetric, SourcePacing } from '../../../lib/pacing-query';
import { Link } from '../../../lib/router';

interface GapTableProps {
  metric: PacingMetric;
  m: MetricPacing;
  /** The pacing of one source (a drill-down link); null for rows that are no source. */
  hrefFor: (sourceId: number) => string;
  /** A source to point out. */
  focus?: number;
  /** The quarter is over (the answer's `closed`): actual against target, nothing projected. */
  closed?: boolean;
}

const basisNames: Record<GapRow['basis'], string> = {
  own: 'Own target',
  'historical-share': 'Share of the overall target, by its historical share',
  none: 'No target to measure against',
  unallocated: definitions.unallocated,
};

interface Line {
  key: string;
  sourceId: number | null;
  name: string;
  category: SourcePacing['category'];
  source: SourcePacing | undefined;
  row: GapRow | undefined;
}

/**
 * Per source: target, actual, expected, pacing, projection and range, and the source's part of the
 * gap with its cause. The rows' gaps add up to the overall gap, the unallocated row included. The
 * short rows share the gap (their shares add up to 100%); the rows ahead cover part of it instead.
 * A closed quarter's table has target, actual and gap only.
 */
export function GapTable({ metric, m, hrefFor, focus, closed = false }: GapTableProps) {
  const fmt = (v: number | null) => formatMetric(metric, v);
  const exact = (v: number | null) => formatMetricExact(metric, v);
  const rows = m.explained?.rows ?? [];
  const lines: Line[] = m.sources.map((s) => ({
    key: String(s.sourceId ?? 'none'),
    sourceId: s.sourceId,
    name: s.source,
    category: s.category,
    source: s,
    row: rows.find((r) => r.basis !== 'unallocated' && r.sourceId === s.sourceId),
  }));
  // Most short first; without a target, the largest projection first.
  lines.sort((a, b) =>
    m.explained
      ? (b.row?.gap ?? Number.NEGATIVE_INFINITY) - (a.row?.gap ?? Number.NEGATIVE_INFINITY)
      : (b.source?.projection ?? 0) - (a.source?.projection ?? 0),
  );
  // Shown even when nothing is left over, so the column visibly adds up to the overall gap.
  const unallocated: GapRow | undefined = m.explained
    ? (rows.find((r) => r.basis === 'unallocated') ?? {
        sourceId: null,
        source: '(target not allocated to a source)',
        basis: 'unallocated',
        allocatedTarget: 0,
        projection: 0,
        gap: 0,
        shareOfGap: 0,
        cause: null,
      })
    : undefined;
  const o = m.overall;
  // Shares of a gap only mean something when there is one to share.
  const hasGap = m.explained !== null && m.explained.gap > 0;
  // The short rows' shares, rounded so that the column adds up to 100.0%.
  const shortRows = hasGap ? rows.filter((r) => r.gap > 0) : [];
  const shares = sharesAddingUp(
    shortRows.map((r) => r.shareOfGap ?? 0),
    1,
  );
  const shown = new Map(shortRows.map((row, i) => [row, shares[i] ?? 0]));
  const shareOf = (r: GapRow | undefined) => {
    const share = r ? shown.get(r) : undefined;
    return share === undefined ? '' : formatPercent(share);
  };
  const offset = hasGap && m.explained ? m.explained.offset : 0;
  // Target and actual, then (while the quarter runs) expected, pacing, projection and range.
  const figureColumns = closed ? 2 : 6;

  return (
    <div className="table-scroll">
      <table className="data-table gap-table" data-testid="gap-table">
        <caption className="visually-hidden">
          {closed ? 'The closed quarter by source' : 'Pacing by source'}; the gap column adds up to the
          overall gap.
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <NumHeader title={definitions.allocatedTarget}>Target</NumHeader>
            <NumHeader title={definitions.actualToDate}>Actual</NumHeader>
            {!closed && (
              <>
                <NumHeader title={definitions.expectedToDate}>Expected by now</NumHeader>
                <NumHeader title={definitions.pacing}>Pacing</NumHeader>
                <NumHeader title={definitions.projection}>Projection</NumHeader>
                <NumHeader title={definitions.projectionRange}>P10–P90</NumHeader>
              </>
            )}
            <NumHeader title={closed ? closedGapDefinition : definitions.gap}>Gap</NumHeader>
            <NumHeader title={definitions.shareOfGap}>Share of gap</NumHeader>
            <th scope="col" title={definitions.cause}>
              Cause
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const s = line.source;
            const r = line.row;
            const target = r ? r.allocatedTarget : (s?.target ?? null);
            const short = r !== undefined && r.gap > 0;
            return (
              <tr
                key={line.key}
                data-testid={`gap-row-${line.key}`}
                className={focus !== undefined && line.sourceId === focus ? 'is-selected' : undefined}
              >
                <th scope="row" className="gap-source">
                  {line.category && (
                    <span
                      className={`category-dot category-${line.category}`}
                      title={categoryNames[line.category]}
                      aria-hidden="true"
                    />
                  )}
                  {line.sourceId !== null ? (
                    <Link
                      to={hrefFor(line.sourceId)}
                      className="row-link"
                      title={`Pacing of ${line.name} alone`}
                    >
                      {line.name}
                    </Link>
                  ) : (
                    <span title="Leads without a source">{line.name}</span>
                  )}
                </th>
                <td className="num" title={r ? basisNames[r.basis] : undefined}>
                  {r?.basis === 'none' ? <span className="muted">—</span> : fmt(target)}
                  {r?.basis === 'historical-share' && (
                    <span className="basis-mark">
                      *<span className="visually-hidden"> by historical share</span>
                    </span>
                  )}
                </td>
                <td className="num" title={exact(s?.actualToDate ?? null)}>
                  {fmt(s?.actualToDate ?? null)}
                </td>
                {!closed && (
                  <>
                    <td className="num">{fmt(s?.expectedToDate ?? null)}</td>
                    <td className="num">
                      <PacingCell value={s?.pacing ?? null} />
                    </td>
                    <td className="num" title={exact(s?.projection ?? null)}>
                      {fmt(s?.projection ?? null)}
                    </td>
                    <td className="num range-cell">
                      <RangeCell metric={metric} source={s} />
                    </td>
                  </>
                )}
                <td
                  className={short ? 'num gap-cell is-short' : 'num gap-cell'}
                  title={exact(r?.gap ?? null)}
                >
                  {r ? signed(metric, r.gap) : '—'}
                </td>
                <td className="num">
                  {short ? (
                    shareOf(r)
                  ) : r && r.gap < 0 && offset > 0 ? (
                    <span
                      className="muted"
                      title="Ahead of its part: it covers part of the short sources’ gap"
                    >
                      covers {fmt(-r.gap)}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td className="cause-cell">
                  <CauseCell source={s} cause={r?.cause ?? null} short={short} />
                </td>
              </tr>
            );
          })}
          {unallocated && (
            <tr className="unallocated-row" data-testid="gap-row-unallocated">
              <th scope="row" title={definitions.unallocated}>
                Target not allocated to a source
              </th>
              <td className="num">{fmt(unallocated.allocatedTarget)}</td>
              {Array.from({ length: figureColumns - 1 }, (_, i) => (
                <td key={i} className="num muted">
                  —
                </td>
              ))}
              <td className={unallocated.gap > 0 ? 'num gap-cell is-short' : 'num gap-cell'}>
                {signed(metric, unallocated.gap)}
              </td>
              <td className="num">{unallocated.gap > 0 ? shareOf(unallocated) : ''}</td>
              <td className="cause-cell muted">
                {unallocated.gap === 0
                  ? 'The sources’ targets add up to the overall one'
                  : 'The sources’ own targets do not add up to the overall one'}
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          {offset > 0 && m.explained && (
            <>
              <tr className="subtotal-row" data-testid="gap-row-shortfall">
                <th scope="row" title={definitions.shareOfGap}>
                  Short of their part
                </th>
                <td colSpan={figureColumns} />
                <td className="num gap-cell is-short" title={exact(m.explained.shortfall)}>
                  {signed(metric, m.explained.shortfall)}
                </td>
                <td className="num">100.0%</td>
                <td />
              </tr>
              <tr className="subtotal-row" data-testid="gap-row-offset">
                <th scope="row" title={definitions.shareOfGap}>
                  Covered by sources ahead
                </th>
                <td colSpan={figureColumns} />
                <td className="num gap-cell" title={exact(-m.explained.offset)}>
                  {signed(metric, -m.explained.offset)}
                </td>
                <td />
                <td />
              </tr>
            </>
          )}
          <tr className="total-row" data-testid="gap-row-total">
            <th scope="row">All sources</th>
            <td className="num" title={exact(o.target)}>
              {fmt(o.target)}
            </td>
            <td className="num" title={exact(o.actualToDate)}>
              {fmt(o.actualToDate)}
            </td>
            {!closed && (
              <>
                <td className="num">{fmt(o.expectedToDate)}</td>
                <td className="num">
                  <PacingCell value={o.pacing} />
                </td>
                <td className="num" title={exact(o.projection)}>
                  {fmt(o.projection)}
                </td>
                <td className="num range-cell">
                  {fmt(o.projectionLow)}–{fmt(o.projectionHigh)}
                </td>
              </>
            )}
            <td
              className={o.gap !== null && o.gap > 0 ? 'num gap-cell is-short' : 'num gap-cell'}
              data-testid="gap-total"
              title={exact(o.gap)}
            >
              {o.gap === null ? '—' : signed(metric, o.gap)}
            </td>
            <td className="num">{hasGap && offset === 0 ? '100.0%' : ''}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** A gap with its sign: short is +, ahead is −. */
function signed(metric: PacingMetric, gap: number): string {
  const text = formatMetric(metric, Math.abs(gap));
  if (text === formatMetric(metric, 0)) return text;
  return gap > 0 ? `+${text}` : `\u2212${text}`;
}

/** Past this multiple of the projection a P90 says nothing (a thin history), so it is not printed as a figure. */
const implausibleSpread = 10;

function RangeCell({ metric, source }: { metric: PacingMetric; source: SourcePacing | undefined }) {
  if (!source) return <>—</>;
  const fmt = (v: number) => formatMetric(metric, v);
  if (source.projectionHigh > implausibleSpread * Math.max(source.projection, 1)) {
    return (
      <span
        className="range-wide"
        title={`P10–P90 ${fmt(source.projectionLow)}–${fmt(source.projectionHigh)}: the history of this source is too thin to bound its projection.`}
      >
        {fmt(source.projectionLow)}–?
      </span>
    );
  }
  return (
    <>
      {fmt(source.projectionLow)}–{fmt(source.projectionHigh)}
    </>
  );
}

function PacingCell({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  const tone = value >= 1 ? 'good' : value >= 0.95 ? 'neutral' : 'bad';
  return <span className={`pacing-chip is-${tone}`}>{Math.round(value * 100)}%</span>;
}

function CauseCell({
  source,
  cause,
  short,
}: {
  source: SourcePacing | undefined;
  cause: GapRow['cause'];
  short: boolean;
}) {
  const drivers = source?.drivers ?? [];
  const summary = drivers
    .map(
      (d) =>
        `${causeNames[d.driver]} ${formatDriverIndex(d.driver, d.index)}${d.driver === 'speed' ? ' usual days' : ' of usual'}`,
    )
    .join(' · ');
  if (!short) {
    const below = drivers.filter((d) => driverIsShort(d.driver, d.index));
    return below.length > 0 ? (
      <span className="muted" title={summary}>
        On track despite {below.map((d) => causeNames[d.driver].toLowerCase()).join(', ')}
      </span>
    ) : (
      <span className="muted" title={summary}>
        —
      </span>
    );
  }
  if (!cause) {
    return (
      <span
        title={`${summary}. No driver is below par: at its usual pace the source falls short of its part of the target.`}
      >
        <span className="cause-chip is-none">No driver below par</span>
      </span>
    );
  }
  return (
    <span title={`${causeDefinitions[cause]} ${summary}`}>
      <span className="cause-chip">{causeNames[cause]}</span>{' '}
      <span className="cause-why">{driverPhrase(source, cause)}</span>
    </span>
  );
}
