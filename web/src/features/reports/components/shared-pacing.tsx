import type { ReactNode } from 'react';
import { NumHeader } from '../../../components/num-header';
import { type BulletFigures, PacingBullet } from '../../../components/pacing-bullet';
import { definitions } from '../../../lib/definitions';
import { formatDecimal, formatInteger, formatLongDate, formatRate } from '../../../lib/format';
import { closedGapDefinition } from '../../../lib/gap';
import { causeNames, type GapTone, gapTone } from '../../../lib/pacing';
import type { SharedPack } from '../api/get-shared-pack';
import type { Format, Money } from './shared-figures';
import { SubHeading } from './shared-section';

type Pacing = SharedPack['pacing'];
type Metric = keyof Pacing['metrics'];
type MetricPacing = Pacing['metrics'][Metric];

const metrics: Metric[] = ['leads', 'salesReady', 'pipeline', 'revenue'];
const names: Record<Metric, string> = {
  leads: 'Leads',
  salesReady: 'SRLs',
  pipeline: 'Pipeline created',
  revenue: 'Won revenue',
};

/** Counts whole, amounts short in the company's currency. */
const formatFor = (m: MetricPacing, money: Money): Format =>
  m.unit === 'amount'
    ? money.compact
    : (v) => formatInteger(v === null || v === undefined ? v : Math.round(v));

/**
 * The gap in one sentence per metric: projection (or, once closed, the final actual) against target,
 * how it splits between the sources short of their part and those ahead, its largest contributor,
 * and what closing it takes.
 */
function gapSentence(metric: Metric, m: MetricPacing, money: Money, closed: boolean): string | null {
  const f = m.overall;
  const fmt = formatFor(m, money);
  if (f.target === null || f.gap === null) return null;
  const head = closed
    ? `${names[metric]}: ended at ${fmt(f.actualToDate)} against a target of ${fmt(f.target)}`
    : `${names[metric]}: projected ${fmt(f.projection ?? null)} against a target of ${fmt(f.target)}`;
  if (f.gap <= 0) {
    if (!closed) return `${head}, on track.`;
    return `${head}, ${f.gap < 0 ? `ahead by ${fmt(-f.gap)}` : 'on target'}.`;
  }
  let sentence = closed
    ? `${head}, short by ${fmt(f.gap)} (${formatRate(f.gap / f.target)} of target).`
    : `${head}, a gap of ${fmt(f.gap)} (${formatRate(f.gap / f.target)} of target).`;
  const e = m.explained;
  if (e && e.offset > 0 && e.shortfall > 0) {
    const ahead = e.coveredBy
      .slice(0, 3)
      .map((c) => `${c.source} ${fmt(c.surplus)}`)
      .join(', ');
    sentence += ` Sources short of their part fall ${fmt(e.shortfall)} short; sources ahead cover ${fmt(e.offset)} of it (${ahead}${e.coveredBy.length > 3 ? ', …' : ''}).`;
  }
  const largest = e?.largest;
  if (largest) {
    const cause = largest.cause ? `; cause: ${causeNames[largest.cause].toLowerCase()}` : '';
    sentence += ` Largest contributor: ${largest.source} (${formatRate(largest.shareOfGap)} of the gap${cause}).`;
  }
  if (!closed && m.closing && m.closing.weeksRemaining > 0) {
    sentence += ` Closing it takes ${fmt(m.closing.requiredPerWeek)} a week for the remaining ${formatDecimal(m.closing.weeksRemaining)} weeks, against ${fmt(m.closing.projectedPerWeek)} a week projected.`;
  }
  return sentence;
}

export function pacingIntro(pacing: Pacing): string {
  if (pacing.closed) {
    return `Quarter closed: final figures as of ${formatLongDate(pacing.asOf)}, actual against target. Gap = target − actual: positive means short.`;
  }
  const history =
    pacing.history.shape === 'historical'
      ? `the shape of ${pacing.history.quarters.length} past quarters`
      : 'a straight line (too few past quarters for a shape)';
  return `As of ${formatLongDate(pacing.asOf)}: day ${pacing.daysElapsed} of ${pacing.daysInQuarter}, ${formatDecimal(pacing.weeksRemaining)} weeks remaining. Expected to date follows ${history}. Gap = target − projection: positive means short.`;
}

/** Where the quarter's four target metrics stand and where they are projected to end. */
export function SharedPacing({ pacing, money }: { pacing: Pacing; money: Money }) {
  const sentences = metrics
    .map((metric) => gapSentence(metric, pacing.metrics[metric], money, pacing.closed))
    .filter((s): s is string => s !== null);
  return (
    <>
      {pacing.closed ? (
        <ClosedTable pacing={pacing} money={money} />
      ) : (
        <OpenTable pacing={pacing} money={money} />
      )}
      {sentences.length > 0 && (
        <div className="shared-block">
          <SubHeading id="shared-gap-explained">The gap explained</SubHeading>
          <ul className="shared-sentences" aria-labelledby="shared-gap-explained">
            {sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** One metric's row past its name: the bullet's figures and words, then the cells after the target. */
interface MetricRow {
  bullet: BulletFigures;
  label: string;
  cells: ReactNode;
}

/**
 * The table both states share: a row per target metric with its bullet and its target; `row` gives
 * the state's own figures, from the metric's figures and its format.
 */
function MetricTable({
  pacing,
  money,
  caption,
  bulletHead,
  heads,
  row,
}: {
  pacing: Pacing;
  money: Money;
  caption: string;
  /** The heading over the bullets: what each one draws. */
  bulletHead: string;
  /** The headings after the target's. */
  heads: ReactNode;
  row: (metric: Metric, f: MetricPacing['overall'], fmt: Format, tone: GapTone) => MetricRow;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways on a phone must take the keyboard (axe: scrollable-region-focusable).
    <div className="table-scroll shared-table" tabIndex={0}>
      <table className="data-table" data-testid="shared-pacing-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="shared-bullet-col">
              {bulletHead}
            </th>
            <NumHeader title={definitions.target}>Target</NumHeader>
            {heads}
          </tr>
        </thead>
        <tbody>
          {metrics.map((metric) => {
            const m = pacing.metrics[metric];
            const fmt = formatFor(m, money);
            const tone = gapTone(m.overall);
            const { bullet, label, cells } = row(metric, m.overall, fmt, tone);
            return (
              <tr key={metric} data-testid={`shared-pacing-${metric}`}>
                <th scope="row">{names[metric]}</th>
                <td className={pacing.closed ? 'shared-bullet-col is-closed' : 'shared-bullet-col'}>
                  <PacingBullet
                    figures={bullet}
                    format={(v) => fmt(v)}
                    tone={tone}
                    size="small"
                    label={label}
                  />
                </td>
                <td className="num">{fmt(m.overall.target)}</td>
                {cells}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A closed quarter: actual against target and the gap, short by or ahead by; nothing projected. */
function ClosedTable({ pacing, money }: { pacing: Pacing; money: Money }) {
  return (
    <MetricTable
      pacing={pacing}
      money={money}
      caption="The closed quarter against target, per target metric"
      bulletHead="Actual and target"
      heads={
        <>
          <NumHeader title={definitions.actualToDate}>Actual</NumHeader>
          <NumHeader title={closedGapDefinition}>Gap</NumHeader>
        </>
      }
      row={(metric, f, fmt, tone) => {
        const a = f.actualToDate;
        return {
          bullet: { ...f, expectedToDate: null, projection: a, projectionLow: a, projectionHigh: a },
          label: `${names[metric]}: ${fmt(a)}${f.target === null ? ', no target' : ` against a target of ${fmt(f.target)}`}.`,
          cells: (
            <>
              <td className="num">{fmt(a)}</td>
              <td className={`num tone-${tone} shared-gap-cell`}>
                {f.gap === null
                  ? fmt(null)
                  : f.gap > 0
                    ? `short by ${fmt(f.gap)}`
                    : f.gap < 0
                      ? `ahead by ${fmt(-f.gap)}`
                      : 'on target'}
              </td>
            </>
          ),
        };
      }}
    />
  );
}

/** An open quarter's figures: every one present (only a closed quarter's leave the projection out). */
function openFigures(f: MetricPacing['overall']) {
  const a = f.actualToDate;
  return {
    ...f,
    expectedToDate: f.expectedToDate ?? null,
    pacing: f.pacing ?? null,
    projection: f.projection ?? a,
    projectionLow: f.projectionLow ?? a,
    projectionHigh: f.projectionHigh ?? a,
  };
}

function OpenTable({ pacing, money }: { pacing: Pacing; money: Money }) {
  return (
    <MetricTable
      pacing={pacing}
      money={money}
      caption="Pacing and the gap, per target metric"
      bulletHead="Actual, projection and target"
      heads={
        <>
          <NumHeader title={definitions.actualToDate}>Actual to date</NumHeader>
          <NumHeader title={definitions.pacing}>Pacing</NumHeader>
          <NumHeader title={`${definitions.projection} ${definitions.projectionRange}`}>
            Projection (P10–P90)
          </NumHeader>
          <NumHeader title={definitions.gap}>Gap</NumHeader>
        </>
      }
      row={(metric, overall, fmt, tone) => {
        const f = openFigures(overall);
        return {
          bullet: f,
          label: `${names[metric]}: actual to date ${fmt(f.actualToDate)}, projection ${fmt(f.projection)} (range ${fmt(f.projectionLow)} to ${fmt(f.projectionHigh)})${f.target === null ? ', no target' : `, target ${fmt(f.target)}`}.`,
          cells: (
            <>
              <td className="num">
                {fmt(f.actualToDate)}
                <span className="cell-sub">expected {fmt(f.expectedToDate)}</span>
              </td>
              <td className="num">{formatRate(f.pacing)}</td>
              <td className="num">
                {fmt(f.projection)}
                <span className="cell-sub">
                  {fmt(f.projectionLow)} – {fmt(f.projectionHigh)}
                </span>
              </td>
              <td className={`num tone-${tone} shared-gap-cell`}>{fmt(f.gap)}</td>
            </>
          ),
        };
      }}
    />
  );
}
