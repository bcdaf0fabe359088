import { QueryCard } from '../../../components/query-card';
import { type LeadFilterParams, leadFilterOf } from '../../../lib/filters';
import { formatDeltaPercent } from '../../../lib/format';
import { leadsHref } from '../../../lib/links';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import { type Change, useChanges } from '../api/get-changes';
import type { OverviewFilter } from '../overview-filter';

interface WhatChangedProps {
  filter: OverviewFilter;
  /** The quarter the server resolved (the drill-downs name it). */
  quarter: string | undefined;
  enabled: boolean;
}

/**
 * The top three things that changed against the previous quarter, in words: the sources whose SRLs
 * or pipeline moved the totals most (ranked on the server, small bases left out), each a link to
 * what is behind it.
 */
export function WhatChanged({ filter, quarter, enabled }: WhatChangedProps) {
  const changes = useChanges(filter, enabled);
  const data = changes.data;
  const leads = leadFilterOf(filter);
  return (
    <QueryCard
      id="changes-heading"
      className={changes.isPlaceholderData ? 'changes-card is-refreshing' : 'changes-card'}
      testId="what-changed"
      title="What changed"
      subtitle={
        data ? (
          `The sources that moved sales-ready leads or pipeline most against ${quarterName(data.previous.label).replace('..', ' – ')}${data.daysElapsed !== null ? ', over the same number of days' : ''}.`
        ) : (
          <span className="skeleton skeleton-text-short" />
        )
      }
      query={changes}
      errorTitle="The changes could not be loaded"
      loading={
        <ol className="changes-list" aria-hidden="true">
          {['a', 'b', 'c'].map((k) => (
            <li key={k} className="change-line">
              <span className="skeleton skeleton-line" />
            </li>
          ))}
        </ol>
      }
    >
      {(data) =>
        data.changes.length > 0 ? (
          <ol className="changes-list">
            {data.changes.map((change) => (
              <ChangeLine
                key={`${change.metric}-${change.sourceId ?? 'unknown'}`}
                change={change}
                href={drillDown(change, quarter ?? data.period.label, leads)}
              />
            ))}
          </ol>
        ) : (
          <p className="changes-none" data-testid="changes-none">
            No source moved sales-ready leads or pipeline by 5% or more on a base large enough to tell.
          </p>
        )
      }
    </QueryCard>
  );
}

function ChangeLine({ change, href }: { change: Change; href: string }) {
  const up = change.change > 0;
  const total = change.metric === 'salesReady' ? 'all SRLs' : 'all pipeline';
  return (
    <li className="change-line" data-testid="change-line">
      <span className={`change-arrow ${up ? 'is-up' : 'is-down'}`} aria-hidden="true">
        {up ? '▲' : '▼'}
      </span>
      <Link to={href} className="change-text">
        {change.text}
      </Link>
      <span className="change-effect" title="The change as a share of the previous period's total">
        {formatDeltaPercent(change.effect)} of {total}
      </span>
    </li>
  );
}

/** SRLs open the lead list of the source's SRLs; pipeline the sources page (pipeline is a stock, not a list of events). */
function drillDown(change: Change, quarter: string, leads: LeadFilterParams): string {
  const source = change.sourceId === null ? undefined : String(change.sourceId);
  if (change.metric === 'salesReady' && source)
    return leadsHref({ ...leads, quarter, dateStage: 'salesReady', source });
  const params = new URLSearchParams({ quarter, view: 'period' });
  for (const [key, value] of Object.entries({ ...leads, ...(source && { source }) }))
    if (value) params.set(key, value);
  return `/sources?${params.toString()}`;
}
