import { definitions } from '../../../lib/definitions';
import type { LeadFilterParams } from '../../../lib/filters';
import { sharesAddingUp } from '../../../lib/gap';
import { leadsHref, pacingHref } from '../../../lib/links';
import {
  causeDefinitions,
  causeNames,
  driverPhrase,
  formatMetric,
  metricWords,
  withNoun,
} from '../../../lib/pacing';
import type { MetricPacing, Pacing, PacingMetric } from '../../../lib/pacing-query';
import { Link } from '../../../lib/router';

const noDriver =
  'Volume, conversion and speed are within their usual range for this source: its projection falls short of its part of the target at its usual pace.';

// Each metric's lead list: the leads created, become sales-ready, become opportunities (whose
// amounts add up to the pipeline created) or won (to the won revenue) in the quarter.
const doorStage: Record<PacingMetric, 'lead' | 'salesReady' | 'opportunity' | 'won'> = {
  leads: 'lead',
  salesReady: 'salesReady',
  pipeline: 'opportunity',
  revenue: 'won',
};

interface GapContributorsProps {
  pacing: Pacing;
  m: MetricPacing;
  metric: PacingMetric;
  closed: boolean;
  filter: LeadFilterParams & { quarter?: string };
}

/** The sources that cause a shortfall (at most three), why, and the sources ahead that cover part of it. */
export function GapContributors({ pacing, m, metric, closed, filter }: GapContributorsProps) {
  const fmt = (v: number | null) => formatMetric(metric, v);
  const base = { ...filter, quarter: pacing.quarter.label, metric };
  // Contributors to a shortfall: when the metric is projected ahead there is no gap to contribute to.
  const short = m.explained !== null && m.explained.gap > 0;
  const shortRows = (short ? (m.explained?.rows ?? []) : []).filter((r) => r.gap > 0);
  // Shares of the short rows' total, rounded so that all of them add up to 100%.
  const shares = sharesAddingUp(shortRows.map((r) => r.shareOfGap ?? 0));
  const shown = new Map(shortRows.map((row, i) => [row, shares[i] ?? 0]));
  const contributors = shortRows
    .filter((r) => r.basis !== 'unallocated')
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 3);
  const covering = short ? (m.explained?.coveredBy ?? []) : [];
  return (
    <div className="gap-block">
      <h3 className="gap-block-title" title={definitions.shareOfGap}>
        Largest contributors
      </h3>
      {contributors.length > 0 ? (
        <ol className="contributors">
          {contributors.map((row) => {
            const source = m.sources.find((s) => s.sourceId === row.sourceId);
            const phrase = driverPhrase(source, row.cause);
            const testId = `gap-contributor-${row.sourceId ?? 'none'}`;
            const name =
              row.sourceId === null ? (
                <span className="contributor-name">{row.source}</span>
              ) : (
                <Link
                  to={pacingHref({ ...base, focus: String(row.sourceId) })}
                  className="contributor-name row-link"
                  title={`${row.source} in the gap by source`}
                >
                  {row.source}
                </Link>
              );
            return (
              <li key={row.sourceId ?? 'none'} className="contributor" data-testid={testId}>
                <div className="contributor-line">
                  {name}
                  <span className="contributor-share" title={definitions.shareOfGap}>
                    {row.shareOfGap === null ? '—' : `${Math.round((shown.get(row) ?? 0) * 100)}% of gap`}
                  </span>
                </div>
                <div className="contributor-meta">
                  <span>{withNoun(metric, row.gap)} short</span>
                  {source && row.sourceId !== null && (
                    // A door to the leads behind the source's figure so far: the list counts (or
                    // adds up to) as much.
                    <Link
                      to={leadsHref({
                        ...filter,
                        quarter: pacing.quarter.label,
                        source: String(row.sourceId),
                        dateStage: doorStage[metric],
                      })}
                      className="contributor-door row-link"
                      title={`The ${metricWords[metric].noun} from ${row.source} ${closed ? 'in the quarter' : 'so far this quarter'}`}
                      data-testid={`gap-contributor-door-${row.sourceId}`}
                    >
                      <span data-testid="gap-contributor-count" data-value={source.actualToDate}>
                        {withNoun(metric, source.actualToDate)}
                      </span>{' '}
                      {closed ? 'in the quarter' : 'so far'}
                    </Link>
                  )}
                  {row.cause ? (
                    <span className="cause-chip" title={causeDefinitions[row.cause]}>
                      {causeNames[row.cause]}
                    </span>
                  ) : (
                    <span className="cause-chip is-none" title={noDriver}>
                      No driver below par
                    </span>
                  )}
                  {phrase && <span className="contributor-why">{phrase}</span>}
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
      {contributors.length > 0 && covering.length > 0 && m.explained && (
        <div className="gap-offset" data-testid="gap-offset" title={definitions.shareOfGap}>
          <p className="gap-offset-sum">
            {withNoun(metric, m.explained.shortfall)} short, {fmt(m.explained.offset)} covered by sources
            ahead: the gap of {fmt(m.explained.gap)}
          </p>
          <p className="gap-offset-by">
            Covered by{' '}
            {covering.slice(0, 3).map((c, i) => (
              <span
                key={c.sourceId ?? c.source}
                className="gap-covered"
                data-testid={`gap-covered-${c.sourceId ?? 'none'}`}
              >
                {i > 0 && ', '}
                {c.basis === 'unallocated' ? 'own targets above the overall one' : c.source} +{fmt(c.surplus)}
              </span>
            ))}
            {covering.length > 3 && ', …'}
          </p>
        </div>
      )}
      {contributors.length > 0 ? null : (
        <p className="gap-empty">
          {m.explained === null
            ? 'No target to measure the sources against.'
            : short
              ? closed
                ? 'No source ended short of its part of the target.'
                : 'No source is projected short of its part of the target.'
              : closed
                ? 'No gap: the quarter reached its target.'
                : 'No gap: the metric is projected to reach its target.'}
        </p>
      )}
    </div>
  );
}
