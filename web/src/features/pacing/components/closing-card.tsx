import { CardHeader } from '../../../components/card-header';
import { definitions } from '../../../lib/definitions';
import { formatPercent } from '../../../lib/format';
import { feederPhrase, formatPerWeek, metricWords } from '../../../lib/pacing';
import type { MetricPacing, PacingMetric } from '../../../lib/pacing-query';

interface ClosingCardProps {
  metric: PacingMetric;
  m: MetricPacing;
  closed: boolean;
}

/** What closing the gap takes: the weekly pace needed against the projected one, per source short of its part. */
export function ClosingCard({ metric, m, closed }: ClosingCardProps) {
  const c = m.closing;
  const noun = metricWords[metric].noun;
  return (
    <section className="card closing-card" aria-labelledby="closing-heading" data-testid="closing-card">
      <CardHeader
        id="closing-heading"
        title="What closing it takes"
        subtitle={
          c
            ? `Per week, for the ${c.weeksRemaining} weeks left`
            : closed
              ? 'The quarter is over'
              : 'No target'
        }
      />
      {c === null ? (
        <p className="card-note">
          {closed
            ? 'Nothing is left to close: the figures above are where the quarter ended.'
            : 'Without a target for these filters there is no pace to reach. Targets are set per quarter for the company and per source.'}
        </p>
      ) : (
        <>
          <dl className="closing-stats">
            <div title={definitions.requiredPerWeek}>
              <dt>Needed a week</dt>
              <dd className="closing-value">{formatPerWeek(metric, c.requiredPerWeek)}</dd>
            </div>
            <div title={definitions.projectedPerWeek}>
              <dt>Projected a week</dt>
              <dd className="closing-value">{formatPerWeek(metric, c.projectedPerWeek)}</dd>
            </div>
            <div title={definitions.gap} className={c.perWeek > 0 ? 'is-short' : undefined}>
              <dt>Gap a week</dt>
              <dd className="closing-value">
                {c.perWeek > 0 ? `+${formatPerWeek(metric, c.perWeek)}` : formatPerWeek(metric, 0)}
              </dd>
            </div>
          </dl>
          {c.perWeek > 0 && c.feeder && c.feederPerWeek !== null && (
            <p className="card-note" title={definitions.feederPerWeek}>
              Company-wide that is{' '}
              <b className="card-note-figure">{feederPhrase(c.feeder, c.feederPerWeek)}</b> more a week at the
              historical yield — or, source by source:
            </p>
          )}
          {c.sources.length > 0 ? (
            <section
              className="table-scroll"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways; the keyboard must reach it
              tabIndex={0}
              aria-labelledby="closing-heading"
            >
              <table className="data-table closing-table" data-testid="closing-table">
                <caption className="visually-hidden">
                  What closing the gap takes, per source short of its part
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Source short of its part</th>
                    <th scope="col" className="num" title="The source's gap ÷ weeks remaining.">
                      {metricWords[metric].label} a week
                    </th>
                    {c.feeder && (
                      <>
                        <th scope="col" className="num" title={definitions.feederPerWeek}>
                          More{' '}
                          {metricWords[c.feeder].unit === 'amount' ? c.feeder : metricWords[c.feeder].noun} a
                          week
                        </th>
                        <th
                          scope="col"
                          className="num"
                          title="Of each extra unit created from now on, how much reaches the metric before quarter end (historical)."
                        >
                          In-quarter yield
                        </th>
                      </>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {[...c.sources]
                    .sort((a, b) => b.perWeek - a.perWeek)
                    .map((s) => (
                      <tr key={s.sourceId ?? 'none'}>
                        <th scope="row">{s.source}</th>
                        <td className="num">+{formatPerWeek(metric, s.perWeek)}</td>
                        {c.feeder && (
                          <>
                            <td className="num">
                              {s.feeder && s.feederPerWeek !== null
                                ? `+${feederPhrase(s.feeder, s.feederPerWeek)}`
                                : '—'}
                            </td>
                            <td className="num">{yieldText(metric, s.feederYield)}</td>
                          </>
                        )}
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ) : (
            <p className="card-note">
              {c.perWeek > 0
                ? `The gap is not any one source's: ${formatPerWeek(metric, c.perWeek)} ${noun} a week overall.`
                : 'No source is projected short of its part of the target.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function yieldText(metric: PacingMetric, y: number | null): string {
  if (y === null) return '—';
  // Pipeline's yield is an amount per SRL; the others are shares.
  if (metric === 'pipeline') return `${formatPerWeek('pipeline', y)} / SRL`;
  return formatPercent(y);
}
