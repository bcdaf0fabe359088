import '../handoff.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { definitions } from '../../../lib/definitions';
import { type GlobalFilter, hasLeadFilter, leadFilterOf } from '../../../lib/filters';
import { formatInteger } from '../../../lib/format';
import { type HandoffTab, handoffHref } from '../../../lib/links';
import { linkPeriod } from '../../../lib/period-link';
import { periodName } from '../../../lib/quarters';
import { Link, useLocation } from '../../../lib/router';
import { useSourceOptions } from '../../../lib/source-options';
import { usePinnedQueries } from '../../../lib/use-pinned-quarter';
import { useQuartersWithData } from '../../../lib/use-quarters-with-data';
import { handoffQueryOptions, useHandoff } from '../api/get-handoff';
import { neglectedQueryOptions, useNeglected } from '../api/get-neglected';
import { stalledQueryOptions, useStalled } from '../api/get-stalled';
import { type HandoffUrl, useHandoffUrl, type WaitingFilter } from '../handoff-filter';
import { scopeWords, type WaitingScope } from '../scope-words';
import { HandoffSummary } from './handoff-summary';
import { WaitingListCard } from './waiting-list-card';

function tabOf(pathname: string): HandoffTab {
  if (pathname.startsWith('/handoff/neglected')) return 'neglected';
  if (pathname.startsWith('/handoff/stalled')) return 'stalled';
  return 'summary';
}

const allWaiting = 'Last 365 days';

/**
 * Hand-off health: how fast sales follows up on sales-ready leads and how many it accepts
 * (`/handoff`), and the warm leads nobody is working (`/handoff/neglected`, `/handoff/stalled`).
 */
export function HandoffPage() {
  const { pathname } = useLocation();
  const tab = tabOf(pathname);
  const [url, setUrl] = useHandoffUrl();
  const { filter } = url;
  const queryClient = useQueryClient();
  const update = useCallback(
    (patch: Partial<HandoffUrl>, options?: { replace?: boolean }) => setUrl({ ...url, ...patch }, options),
    [url, setUrl],
  );
  const setFilter = useCallback(
    (next: GlobalFilter, options?: { replace?: boolean }) => update({ filter: next, page: 1 }, options),
    [update],
  );

  // The summary is for a period (this quarter by default); it also names the current quarter for the lists.
  const handoff = useHandoff(filter);
  usePinnedQueries(
    filter,
    setFilter,
    {
      query: handoff,
      // Without a period the waiting counts are of the last 365 days, not of the quarter the URL is then
      // pinned to: that answer is no answer for the quarter, which fetches its own.
      keyFor: (named) =>
        handoff.data?.scope.basis === 'period'
          ? handoffQueryOptions(named).queryKey
          : ['metrics', 'handoff', 'unpinned'],
      labelOf: (data) => data.period.label,
    },
    [],
    tab === 'summary',
  );

  const period = handoff.data?.period ?? null;
  const current = useQuartersWithData().data?.current.label ?? null;
  const sources = useSourceOptions(linkPeriod(filter, period));
  const leadFilter = useMemo(() => leadFilterOf(filter), [filter]);
  const summaryFilter: GlobalFilter =
    tab === 'summary' ? filter : filter.quarter || filter.from ? filter : leadFilter;
  // The lists' tabs open (and count) the scope in view: the summary's period from the summary, the
  // list's own from a list (by default the last 365 days), so the counts on screen always agree.
  const scope: GlobalFilter = useMemo(
    () => (tab === 'summary' ? { ...filter, ...linkPeriod(filter, period) } : filter),
    [tab, filter, period],
  );
  const listFilter: WaitingFilter = useMemo(() => ({ ...filter, page: url.page }), [filter, url.page]);
  const tabFilter: WaitingFilter = useMemo(() => ({ ...scope, page: 1 }), [scope]);
  const countsReady = tab !== 'summary' || period !== null;
  const neglectedCount = useNeglected(tabFilter, countsReady);
  const stalledCount = useStalled(tabFilter, countsReady);
  const name = period ? periodName(period) : 'the period';

  return (
    <div className="page" data-testid="handoff-page">
      <PageHeader
        title="Hand-off"
        period={period && { ...period, name: periodName(period) }}
        summary={
          handoff.data && (
            <>
              {formatInteger(handoff.data.overall.salesReady)} sales-ready leads · SLA {handoff.data.slaHours}{' '}
              h
            </>
          )
        }
        pending={handoff.isPending}
        subtitle={
          tab === 'neglected' ? (
            <span title={definitions.neglected}>
              Sales-ready, still open, no sales follow-up since — past the SLA now.
            </span>
          ) : tab === 'stalled' ? (
            <span title={definitions.stalled}>Open sales-ready leads with no touch and no stage change.</span>
          ) : undefined
        }
        filter={filter}
        onFilter={setFilter}
        picker={{
          resolved: tab === 'summary' ? period : filter.quarter || filter.from ? period : null,
          current,
          defaultOption: tab === 'summary' ? undefined : allWaiting,
          onIntent: (next) => {
            if (tab === 'summary')
              void queryClient.prefetchQuery(handoffQueryOptions({ ...filter, ...next }));
          },
        }}
        filters={{ sources: sources.data ?? null }}
      />

      <nav className="tabs" aria-label="Hand-off views">
        <Link
          to={handoffHref('summary', summaryFilter)}
          className="tab"
          aria-current={tab === 'summary' ? 'page' : undefined}
          data-testid="handoff-tab-summary"
        >
          Speed to lead
        </Link>
        <WaitingTab tab="neglected" current={tab} scope={scope} count={neglectedCount.data?.total} />
        <WaitingTab tab="stalled" current={tab} scope={scope} count={stalledCount.data?.total} />
      </nav>
      <WaitingScopeNote
        scope={neglectedCount.data?.scope}
        name={filter.quarter || filter.from || tab === 'summary' ? name : undefined}
      />

      {tab === 'summary' ? (
        handoff.isError && !handoff.data ? (
          <QueryError title="The hand-off figures could not be loaded" query={handoff} />
        ) : (
          <div
            className={handoff.isPlaceholderData ? 'page-body is-refreshing' : 'page-body'}
            aria-busy={handoff.isPlaceholderData || !handoff.data}
          >
            <HandoffSummary
              query={handoff}
              linkFilter={linkPeriod(filter, period)}
              bySource={url.bySource}
              byOwner={url.byOwner}
              onSort={(table, next) => update({ [table]: next }, { replace: true })}
              periodName={name}
            />
          </div>
        )
      ) : (
        <WaitingListCard
          tab={tab}
          filter={listFilter}
          scopeName={filter.quarter || filter.from ? name : null}
          narrowed={hasLeadFilter(filter)}
          onPage={(page) => update({ page })}
          onClear={() => setFilter({ quarter: filter.quarter, from: filter.from, to: filter.to })}
          onPrefetch={(page) => {
            const next = { ...listFilter, page };
            if (tab === 'neglected') void queryClient.prefetchQuery(neglectedQueryOptions(next));
            else void queryClient.prefetchQuery(stalledQueryOptions(next));
          }}
        />
      )}
    </div>
  );
}

/** Says which leads the tab counts are of, so switching tabs never changes their scope unsaid. */
function WaitingScopeNote({ scope, name }: { scope: WaitingScope | undefined; name: string | undefined }) {
  if (!scope) return null;
  return (
    <p className="tabs-scope" data-testid="handoff-tabs-scope">
      Neglected and stalled count the leads that became sales-ready in {scopeWords(scope, name)}.
    </p>
  );
}

/** A waiting list's tab with its count; neglected leads past the SLA are an alert, stalled ones are not. */
function WaitingTab({
  tab,
  current,
  scope,
  count,
}: {
  tab: 'neglected' | 'stalled';
  current: HandoffTab;
  scope: GlobalFilter;
  count: number | undefined;
}) {
  const alert = tab === 'neglected' && count !== undefined && count > 0;
  return (
    <Link
      to={handoffHref(tab, scope)}
      className="tab"
      aria-current={tab === current ? 'page' : undefined}
      data-testid={`handoff-tab-${tab}`}
      title={definitions[tab]}
    >
      {tab === 'neglected' ? 'Neglected' : 'Stalled'}
      {count !== undefined && (
        <span className={alert ? 'tab-count is-alert' : 'tab-count'}>{formatInteger(count)}</span>
      )}
    </Link>
  );
}
