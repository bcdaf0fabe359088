import '../handoff.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { CardHeader } from '../../../components/card-header';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportLinks } from '../../../components/export-links';
import { PageHeader } from '../../../components/page-header';
import { api } from '../../../lib/api-client';
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
import { type HandoffUrl, useHandoffUrl, type WaitingFilter, waitingPageSize } from '../handoff-filter';
import { scopeWords, type WaitingScope } from '../scope-words';
import { HandoffSummary } from './handoff-summary';
import { NeglectedTable, StalledTable, WaitingTableSkeleton } from './waiting-lists';

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
        <Link
          to={handoffHref('neglected', scope)}
          className="tab"
          aria-current={tab === 'neglected' ? 'page' : undefined}
          data-testid="handoff-tab-neglected"
          title={definitions.neglected}
        >
          Neglected
          <TabCount value={neglectedCount.data?.total} alert />
        </Link>
        <Link
          to={handoffHref('stalled', scope)}
          className="tab"
          aria-current={tab === 'stalled' ? 'page' : undefined}
          data-testid="handoff-tab-stalled"
          title={definitions.stalled}
        >
          Stalled
          <TabCount value={stalledCount.data?.total} />
        </Link>
      </nav>
      <WaitingScopeNote
        scope={neglectedCount.data?.scope}
        name={filter.quarter || filter.from || tab === 'summary' ? name : undefined}
      />

      {tab === 'summary' ? (
        handoff.isError && !handoff.data ? (
          <ErrorState
            title="The hand-off figures could not be loaded"
            error={handoff.error}
            onRetry={() => void handoff.refetch()}
            retrying={handoff.isFetching}
          />
        ) : (
          <div
            className={handoff.isPlaceholderData ? 'page-body is-refreshing' : 'page-body'}
            aria-busy={handoff.isPlaceholderData || !handoff.data}
          >
            <HandoffSummary
              data={handoff.data}
              linkFilter={linkPeriod(filter, period)}
              bySource={url.bySource}
              byOwner={url.byOwner}
              onSort={(table, next) => update({ [table]: next }, { replace: true })}
              periodName={name}
            />
          </div>
        )
      ) : (
        <WaitingList
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

function TabCount({ value, alert = false }: { value: number | undefined; alert?: boolean }) {
  if (value === undefined) return null;
  return (
    <span className={alert && value > 0 ? 'tab-count is-alert' : 'tab-count'}>{formatInteger(value)}</span>
  );
}

function WaitingList({
  tab,
  filter,
  scopeName,
  narrowed,
  onPage,
  onClear,
  onPrefetch,
}: {
  tab: 'neglected' | 'stalled';
  filter: WaitingFilter;
  /** The period the list is limited to, in words; null for the default (the last 365 days). */
  scopeName: string | null;
  narrowed: boolean;
  onPage: (page: number) => void;
  onClear: () => void;
  onPrefetch: (page: number) => void;
}) {
  const neglected = useNeglected(filter, tab === 'neglected');
  // Every row, not the page on screen: the export ignores paging.
  const { page: _page, ...exportQuery } = filter;
  const stalled = useStalled(filter, tab === 'stalled');
  const list = tab === 'neglected' ? neglected : stalled;
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / waitingPageSize)) : 1;
  // The scope the server counted, in words (the list's answer states it).
  const scope = data
    ? `that became sales-ready in ${scopeWords(data.scope, scopeName ?? undefined)}`
    : scopeName
      ? `that became sales-ready in ${scopeName}`
      : 'that became sales-ready in the last 365 days';
  const what =
    tab === 'neglected'
      ? `Waiting longer than ${neglected.data?.slaHours ?? 48} h with no sales follow-up`
      : `No touch and no stage change for ${stalled.data?.stalledDays ?? 14}+ days`;
  return (
    <section className="card table-card" aria-labelledby="waiting-heading">
      <CardHeader
        id="waiting-heading"
        title={tab === 'neglected' ? 'Neglected sales-ready leads' : 'Stalled leads'}
        subtitle={`${what}; leads ${scope}. ${tab === 'neglected' ? 'Longest waiting first.' : 'Idle longest first.'}`}
      >
        <div className="card-actions">
          <p className="table-count" aria-live="polite">
            {data && data.total > 0
              ? `${formatInteger((data.page - 1) * data.pageSize + 1)}–${formatInteger(Math.min(data.page * data.pageSize, data.total))} of ${formatInteger(data.total)}`
              : ''}
          </p>
          {tab === 'neglected' ? (
            <ExportLinks
              what="the neglected leads"
              csv={api.api.exports['neglected-leads.csv'].$path({ query: exportQuery })}
              xlsx={api.api.exports['neglected-leads.xlsx'].$path({ query: exportQuery })}
            />
          ) : (
            <ExportLinks
              what="the stalled leads"
              csv={api.api.exports['stalled-leads.csv'].$path({ query: exportQuery })}
              xlsx={api.api.exports['stalled-leads.xlsx'].$path({ query: exportQuery })}
            />
          )}
        </div>
      </CardHeader>
      {list.isError && !data ? (
        <div className="card-state">
          <ErrorState
            title="The list could not be loaded"
            level={3}
            error={list.error}
            onRetry={() => void list.refetch()}
            retrying={list.isFetching}
          />
        </div>
      ) : data && data.total === 0 ? (
        <div className="card-state">
          <EmptyState
            level={3}
            title={tab === 'neglected' ? 'Nobody is waiting' : 'Nothing has stalled'}
            text={
              tab === 'neglected'
                ? `Every lead ${scope} has had a sales follow-up or is still inside the SLA.`
                : `Every open lead ${scope} has had a touch or a stage change recently.`
            }
            action={
              narrowed ? (
                <button type="button" className="button button-secondary" onClick={onClear}>
                  Clear filters
                </button>
              ) : undefined
            }
          />
        </div>
      ) : (
        <div
          className={list.isPlaceholderData ? 'table-body is-refreshing' : 'table-body'}
          aria-busy={list.isPlaceholderData || !data}
        >
          {tab === 'neglected' && neglected.data ? (
            <NeglectedTable rows={neglected.data.rows} slaHours={neglected.data.slaHours} />
          ) : tab === 'stalled' && stalled.data ? (
            <StalledTable rows={stalled.data.rows} />
          ) : (
            <WaitingTableSkeleton columns={tab === 'neglected' ? 5 : 8} />
          )}
        </div>
      )}
      {data && data.total > 0 && (
        <nav className="pagination" aria-label="Pages">
          <p>
            Page {formatInteger(filter.page)} of {formatInteger(pages)}
          </p>
          <div className="pagination-buttons">
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={filter.page <= 1}
              onClick={() => onPage(filter.page - 1)}
              onPointerEnter={() => filter.page > 1 && onPrefetch(filter.page - 1)}
            >
              Previous
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={filter.page >= pages}
              onClick={() => onPage(filter.page + 1)}
              onPointerEnter={() => filter.page < pages && onPrefetch(filter.page + 1)}
            >
              Next
            </button>
          </div>
        </nav>
      )}
    </section>
  );
}
