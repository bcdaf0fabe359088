import '../leads.css';
import '../lead-drawer.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ExportLinks } from '../../../components/export-links';
import { SelectFilter } from '../../../components/filter-bar';
import { PageDot, PageHeader } from '../../../components/page-header';
import { Pagination, pageRange } from '../../../components/pagination';
import { QueryError } from '../../../components/query-error';
import { RefreshBody } from '../../../components/refresh-body';
import { StateAction } from '../../../components/state-action';
import { api } from '../../../lib/api-client';
import { hasLeadFilter } from '../../../lib/filters';
import { formatInteger, formatMoney, formatMoneyCompact, inSentence } from '../../../lib/format';
import { linkPeriod } from '../../../lib/period-link';
import { useSourceOptions } from '../../../lib/source-options';
import { type LeadStage, leadStageKeys, stageNames } from '../../../lib/stages';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { usePeriodPage } from '../../../lib/use-period-page';
import { leadQueryOptions } from '../api/get-lead';
import { leadsQueryOptions, useLeads } from '../api/get-leads';
import { type LeadsFilter, leadsPageSize, useLeadsUrl } from '../leads-filter';
import { LeadDrawer } from './lead-drawer';
import { LeadsTable, LeadsTableSkeleton } from './leads-table';
import { RangeChips } from './range-chips';

/** "In the period by": which stage's time must fall in the period. */
const dateStageLabels: Record<LeadStage, string> = {
  lead: 'Created',
  mql: 'Became MQL',
  salesReady: 'Became SRL',
  accepted: 'Accepted by sales',
  opportunity: 'Became opportunity',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
};

// Where the date stage counts deals, the header adds their amount: the door of an amount figure
// (won revenue, pipeline created) shows the same amount as the figure.
const amountStages = new Set<LeadStage>(['opportunity', 'won']);

/** Every lead behind a figure: filtered, searched, sorted, one page at a time; a drawer for one lead. */
export function LeadsPage() {
  const [url, setUrl] = useLeadsUrl();
  const { filter, lead } = url;
  const queryClient = useQueryClient();
  const leads = useLeads(filter);
  const setFilter = useCallback(
    (next: LeadsFilter, options?: { replace?: boolean }) => setUrl({ filter: next, lead: url.lead }, options),
    [url.lead, setUrl],
  );
  // Any change of filter starts again from the first page.
  const refilter = (next: Partial<LeadsFilter>) => setFilter({ ...filter, ...next, page: 1 });
  const view = usePeriodPage(filter, setFilter, leads, leadsQueryOptions);
  const { data, period, name } = view;
  const sources = useSourceOptions(linkPeriod(filter, period));
  const pages = data ? Math.max(1, Math.ceil(data.total / leadsPageSize)) : 1;
  const hrefFor = (row: { id: number }) => {
    const params = new URLSearchParams(window.location.search);
    params.set('lead', String(row.id));
    return `/leads?${params.toString()}`;
  };
  const closeDrawer = useCallback(() => setUrl({ filter }), [filter, setUrl]);
  const narrowed =
    hasLeadFilter(filter) || Boolean(filter.q || filter.stage || filter.srDays || filter.srTouches);
  // Every lead that matches, in the list's order: the export ignores paging.
  const { page: _page, ...exportQuery } = filter;

  return (
    <div className="page">
      <PageHeader
        title="Leads"
        summary={
          data && (
            <>
              <span data-testid="leads-total">{formatInteger(data.total)}</span>{' '}
              {data.total === 1 ? 'lead' : 'leads'} {inSentence(dateStageLabels[filter.dateStage])} in the
              period
              {amountStages.has(filter.dateStage) && (
                <>
                  <PageDot />
                  <span data-testid="leads-amount" data-value={data.amount} title={formatMoney(data.amount)}>
                    {formatMoneyCompact(data.amount)}
                  </span>{' '}
                  {filter.dateStage === 'won' ? 'won' : 'of pipeline created'}
                </>
              )}
            </>
          )
        }
        {...view.header}
        // Any change of period or lead filter starts again from the first page.
        onFilter={refilter}
        picker={{ ...view.header.picker, onIntent: (next) => view.prefetch({ ...filter, ...next, page: 1 }) }}
        filters={{ sources: sources.data ?? null }}
      />

      <section className="card table-card" aria-labelledby="leads-heading">
        <h2 id="leads-heading" className="visually-hidden">
          Lead list
        </h2>
        <div className="table-toolbar">
          <SearchBox
            value={filter.q}
            onChange={(q) => setFilter({ ...filter, q, page: 1 }, { replace: true })}
          />
          <SelectFilter
            label="In the period"
            value={filter.dateStage}
            active={filter.dateStage !== 'lead'}
            onChange={(v) => refilter({ dateStage: v as LeadStage })}
            title="Which stage's time must fall in the period."
          >
            {leadStageKeys.map((s) => (
              <option key={s} value={s}>
                {dateStageLabels[s]}
              </option>
            ))}
          </SelectFilter>
          <SelectFilter
            label="Now at"
            value={filter.stage ?? ''}
            active={Boolean(filter.stage)}
            onChange={(v) => refilter({ stage: (v || undefined) as LeadStage | undefined })}
            title="The furthest stage the lead has reached."
          >
            <option value="">Any stage</option>
            {leadStageKeys.map((s) => (
              <option key={s} value={s}>
                {stageNames[s]}
              </option>
            ))}
          </SelectFilter>
          <RangeChips filter={filter} onClear={(key) => refilter({ [key]: undefined })} />
          <p className="table-count" aria-live="polite">
            {data ? pageRange(data) : ''}
          </p>
          <ExportLinks
            what="the leads that match"
            csv={api.api.exports['leads.csv'].$path({ query: exportQuery })}
            xlsx={api.api.exports['leads.xlsx'].$path({ query: exportQuery })}
          />
        </div>

        {leads.isError && !data ? (
          <div className="card-state">
            <QueryError title="The leads could not be loaded" query={leads} />
          </div>
        ) : data && data.total === 0 ? (
          <div className="card-state">
            <EmptyState
              title="No lead matches"
              text={
                narrowed
                  ? `No lead ${inSentence(dateStageLabels[filter.dateStage])} in ${name ?? 'the period'} matches the search and filters. Clear them, or pick another period.`
                  : `No lead ${inSentence(dateStageLabels[filter.dateStage])} in ${name ?? 'the period'}. Pick an earlier quarter, or count leads by another stage.`
              }
              action={
                narrowed ? (
                  <StateAction
                    onClick={() =>
                      refilter({
                        q: undefined,
                        stage: undefined,
                        srDays: undefined,
                        srTouches: undefined,
                        source: undefined,
                        category: undefined,
                        segment: undefined,
                        owner: undefined,
                      })
                    }
                  >
                    Clear search and filters
                  </StateAction>
                ) : filter.dateStage !== 'lead' ? (
                  <StateAction onClick={() => refilter({ dateStage: 'lead' })}>
                    Show leads created in the period
                  </StateAction>
                ) : undefined
              }
            />
          </div>
        ) : (
          <RefreshBody refreshing={view.refreshing} loading={!data} className="table-body">
            {data ? (
              <LeadsTable
                rows={data.rows}
                sort={filter.sort}
                order={filter.order}
                onSort={(sort, order) => setFilter({ ...filter, sort, order, page: 1 }, { replace: true })}
                hrefFor={hrefFor}
                selected={lead}
              />
            ) : (
              <LeadsTableSkeleton />
            )}
          </RefreshBody>
        )}

        {data && data.total > 0 && (
          <Pagination
            page={filter.page}
            pages={pages}
            onPage={(page) => setFilter({ ...filter, page })}
            onPrefetch={(page) => view.prefetch({ ...filter, page })}
          />
        )}
      </section>

      {lead !== undefined && <LeadDrawer key={lead} id={lead} onClose={closeDrawer} />}
      <PrefetchOnHover onLead={(id) => void queryClient.prefetchQuery(leadQueryOptions(id))} />
    </div>
  );
}

/** Loads a lead's timeline while the pointer rests on its row, so the drawer opens filled. */
function PrefetchOnHover({ onLead }: { onLead: (id: number) => void }) {
  useEffect(() => {
    let timer = 0;
    const over = (event: PointerEvent) => {
      const row = (event.target as HTMLElement).closest?.('[data-testid^="lead-row-"]');
      window.clearTimeout(timer);
      if (!row) return;
      const id = Number(row.getAttribute('data-testid')?.slice('lead-row-'.length));
      if (id) timer = window.setTimeout(() => onLead(id), 120);
    };
    document.addEventListener('pointerover', over);
    return () => {
      document.removeEventListener('pointerover', over);
      window.clearTimeout(timer);
    };
  }, [onLead]);
  return null;
}

/** Search as you type: the URL (and the list) follow once typing pauses. */
function SearchBox({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (q: string | undefined) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value ?? '');
  const settled = useDebouncedValue(draft, 300);
  // Back/forward or a link changed the search: show it.
  useEffect(() => setDraft(value ?? ''), [value]);
  useEffect(() => {
    const next = settled.trim() || undefined;
    if (next !== value) onChange(next);
    // Only a settled draft triggers a search; `value` catching up must not.
  }, [settled]);
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        Search leads
      </label>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="7" cy="7" r="4.5" />
        <path d="m10.5 10.5 3 3" />
      </svg>
      <input
        id={id}
        type="search"
        placeholder="Search company, ID or owner"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        data-testid="leads-search"
      />
    </div>
  );
}
