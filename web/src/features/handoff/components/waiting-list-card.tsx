import { ExportLinks } from '../../../components/export-links';
import { Pagination, pageRange } from '../../../components/pagination';
import { type CardQuery, QueryCard } from '../../../components/query-card';
import { StateAction } from '../../../components/state-action';
import { api } from '../../../lib/api-client';
import { useNeglected } from '../api/get-neglected';
import { useStalled } from '../api/get-stalled';
import { type WaitingFilter, waitingPageSize } from '../handoff-filter';
import { scopeWords, type WaitingScope } from '../scope-words';
import { NeglectedTable, StalledTable, WaitingTableSkeleton } from './waiting-lists';

interface WaitingListCardProps {
  tab: 'neglected' | 'stalled';
  filter: WaitingFilter;
  /** The period the list is limited to, in words; null for the default (the last 365 days). */
  scopeName: string | null;
  narrowed: boolean;
  onPage: (page: number) => void;
  onClear: () => void;
  onPrefetch: (page: number) => void;
}

/** What the card reads of either list's page: its size and scope; the rows come from the list itself. */
type WaitingPage = { total: number; page: number; pageSize: number; scope: WaitingScope };

/** The neglected or the stalled leads, a page at a time, with their exports. */
export function WaitingListCard({
  tab,
  filter,
  scopeName,
  narrowed,
  onPage,
  onClear,
  onPrefetch,
}: WaitingListCardProps) {
  const neglected = useNeglected(filter, tab === 'neglected');
  // Every row, not the page on screen: the export ignores paging.
  const { page: _page, ...exportQuery } = filter;
  const stalled = useStalled(filter, tab === 'stalled');
  const list = tab === 'neglected' ? neglected : stalled;
  const query: CardQuery<WaitingPage> = list;
  const data = query.data;
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
  const exportName = tab === 'neglected' ? 'neglected-leads' : 'stalled-leads';
  return (
    <QueryCard
      id="waiting-heading"
      className="table-card"
      title={tab === 'neglected' ? 'Neglected sales-ready leads' : 'Stalled leads'}
      subtitle={`${what}; leads ${scope}. ${tab === 'neglected' ? 'Longest waiting first.' : 'Idle longest first.'}`}
      actions={
        <div className="card-actions">
          <p className="table-count" aria-live="polite">
            {data ? pageRange(data) : ''}
          </p>
          <ExportLinks
            what={`the ${tab} leads`}
            csv={api.api.exports[`${exportName}.csv`].$path({ query: exportQuery })}
            xlsx={api.api.exports[`${exportName}.xlsx`].$path({ query: exportQuery })}
          />
        </div>
      }
      query={query}
      errorTitle="The list could not be loaded"
      isEmpty={(answer) => answer.total === 0}
      empty={{
        title: tab === 'neglected' ? 'Nobody is waiting' : 'Nothing has stalled',
        text:
          tab === 'neglected'
            ? `Every lead ${scope} has had a sales follow-up or is still inside the SLA.`
            : `Every open lead ${scope} has had a touch or a stage change recently.`,
        action: narrowed ? <StateAction onClick={onClear}>Clear filters</StateAction> : undefined,
      }}
      loading={
        <div className="table-body" aria-busy>
          <WaitingTableSkeleton columns={tab === 'neglected' ? 5 : 8} />
        </div>
      }
    >
      {(answer) => (
        <>
          <div
            className={list.isPlaceholderData ? 'table-body is-refreshing' : 'table-body'}
            aria-busy={list.isPlaceholderData}
          >
            {tab === 'neglected' && neglected.data ? (
              <NeglectedTable rows={neglected.data.rows} slaHours={neglected.data.slaHours} />
            ) : stalled.data ? (
              <StalledTable rows={stalled.data.rows} />
            ) : null}
          </div>
          <Pagination
            page={filter.page}
            pages={Math.max(1, Math.ceil(answer.total / waitingPageSize))}
            onPage={onPage}
            onPrefetch={onPrefetch}
          />
        </>
      )}
    </QueryCard>
  );
}
