import { PacingBullet } from '../../../components/pacing-bullet';
import { definitions } from '../../../lib/definitions';
import { formatDecimal, formatInteger, formatLongDate, formatRate } from '../../../lib/format';
import { causeNames, gapTone } from '../../../lib/pacing';
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

/** The gap in one sentence per metric: projection against target, its largest contributor, what closing takes. */
function gapSentence(metric: Metric, m: MetricPacing, money: Money): string | null {
  const f = m.overall;
  const fmt = formatFor(m, money);
  if (f.target === null || f.gap === null) return null;
  const head = `${names[metric]}: projected ${fmt(f.projection)} against a target of ${fmt(f.target)}`;
  if (f.gap <= 0) return `${head}, on track.`;
  let sentence = `${head}, a gap of ${fmt(f.gap)} (${formatRate(f.gap / f.target)} of target).`;
  const largest = m.explained?.largest;
  if (largest) {
    const cause = largest.cause ? `; cause: ${causeNames[largest.cause].toLowerCase()}` : '';
    sentence += ` Largest contributor: ${largest.source} (${formatRate(largest.shareOfGap)} of the gap${cause}).`;
  }
  if (m.closing && m.closing.weeksRemaining > 0) {
    sentence += ` Closing it takes ${fmt(m.closing.requiredPerWeek)} a week for the remaining ${formatDecimal(m.closing.weeksRemaining)} weeks, against ${fmt(m.closing.projectedPerWeek)} a week projected.`;
  }
  return sentence;
}

export function pacingIntro(pacing: Pacing): string {
  const history =
    pacing.history.shape === 'historical'
      ? `the shape of ${pacing.history.quarters.length} past quarters`
      : 'a straight line (too few past quarters for a shape)';
  return `As of ${formatLongDate(pacing.asOf)}: day ${pacing.daysElapsed} of ${pacing.daysInQuarter}, ${formatDecimal(pacing.weeksRemaining)} weeks remaining. Expected to date follows ${history}. Gap = target − projection: positive means short.`;
}

/** Where the quarter's four target metrics stand and where they are projected to end. */
export function SharedPacing({ pacing, money }: { pacing: Pacing; money: Money }) {
  const sentences = metrics
    .map((metric) => gapSentence(metric, pacing.metrics[metric], money))
    .filter((s): s is string => s !== null);
  return (
    <>
      <div className="table-scroll shared-table">
        <table className="data-table" data-testid="shared-pacing-table">
          <caption className="visually-hidden">Pacing and the gap, per target metric</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="shared-bullet-col">
                Actual, projection and target
              </th>
              <th scope="col" className="num" title={definitions.target}>
                Target
              </th>
              <th scope="col" className="num" title={definitions.actualToDate}>
                Actual to date
              </th>
              <th scope="col" className="num" title={definitions.pacing}>
                Pacing
              </th>
              <th
                scope="col"
                className="num"
                title={`${definitions.projection} ${definitions.projectionRange}`}
              >
                Projection (P10–P90)
              </th>
              <th scope="col" className="num" title={definitions.gap}>
                Gap
              </th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((metric) => {
              const m = pacing.metrics[metric];
              const f = m.overall;
              const fmt = formatFor(m, money);
              const tone = gapTone(f);
              return (
                <tr key={metric} data-testid={`shared-pacing-${metric}`}>
                  <th scope="row">{names[metric]}</th>
                  <td className="shared-bullet-col">
                    <PacingBullet
                      figures={f}
                      format={(v) => fmt(v)}
                      tone={tone}
                      size="small"
                      label={`${names[metric]}: actual to date ${fmt(f.actualToDate)}, projection ${fmt(f.projection)} (range ${fmt(f.projectionLow)} to ${fmt(f.projectionHigh)})${f.target === null ? ', no target' : `, target ${fmt(f.target)}`}.`}
                    />
                  </td>
                  <td className="num">{fmt(f.target)}</td>
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
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
