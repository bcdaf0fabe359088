import { EmptyState } from '../../../components/empty-state';
import { type CardQuery, QueryCard } from '../../../components/query-card';
import { definitions } from '../../../lib/definitions';
import { type GlobalFilter, leadFilterOf } from '../../../lib/filters';
import { formatHours, formatInteger, formatPercent } from '../../../lib/format';
import { handoffHref, leadsHref } from '../../../lib/links';
import { Link } from '../../../lib/router';
import type { Handoff, HandoffFigures } from '../api/get-handoff';
import type { TableSort } from '../handoff-filter';
import { scopeWords } from '../scope-words';
import { type HandoffRow, HandoffTable, HandoffTableSkeleton, slaAttainmentGoal } from './handoff-table';

interface HandoffSummaryProps {
  /** The hand-off answer: the page shows its error; the cards hold their places until it is in. */
  query: CardQuery<Handoff>;
  /** The period and lead filters the figures are for (links carry them). */
  linkFilter: GlobalFilter;
  bySource: TableSort;
  byOwner: TableSort;
  onSort: (table: 'bySource' | 'byOwner', next: TableSort) => void;
  periodName: string;
}

/** Speed to lead, SLA attainment and acceptance of the period's SRLs, overall, by source and by owner. */
export function HandoffSummary({
  query,
  linkFilter,
  bySource,
  byOwner,
  onSort,
  periodName,
}: HandoffSummaryProps) {
  const data = query.data;
  if (data && data.overall.salesReady === 0) {
    return (
      <EmptyState
        title={`No sales-ready lead in ${periodName}`}
        text="Speed to lead is measured on the leads that became sales-ready in the period. Pick an earlier quarter or clear a filter."
      />
    );
  }
  const drill = { ...linkFilter, dateStage: 'salesReady' as const };
  const sourceRows: HandoffRow[] = (data?.bySource ?? []).map((r) => ({
    key: String(r.sourceId ?? 'none'),
    name: r.source,
    href: r.sourceId === null ? null : leadsHref({ ...drill, source: String(r.sourceId) }),
    figures: r,
  }));
  const ownerRows: HandoffRow[] = (data?.byOwner ?? []).map((r) => ({
    key: r.owner ?? 'none',
    name: r.owner ?? 'Unassigned',
    href: r.owner === null ? null : leadsHref({ ...drill, owner: r.owner }),
    figures: r,
  }));
  const name = (row: HandoffRow) =>
    row.href ? (
      <Link
        to={row.href}
        className="row-link"
        title={`The ${formatInteger(row.figures.salesReady)} SRLs of ${row.name} in the lead list`}
      >
        {row.name}
      </Link>
    ) : (
      <span className={row.key === 'none' ? 'muted' : undefined}>{row.name}</span>
    );
  const sorts = { bySource, byOwner };
  const table = (answer: Handoff, key: keyof typeof sorts, rows: HandoffRow[]) => (
    <HandoffTable
      dimension={key === 'bySource' ? 'Source' : 'Owner'}
      rows={rows}
      total={answer.overall}
      sort={sorts[key]}
      onSort={(next) => onSort(key, next)}
      slaHours={answer.slaHours}
      testId={key === 'bySource' ? 'handoff-by-source' : 'handoff-by-owner'}
      renderName={name}
    />
  );

  return (
    <>
      <section aria-labelledby="handoff-kpi-heading">
        <h2 id="handoff-kpi-heading" className="visually-hidden">
          Hand-off figures
        </h2>
        {data ? <Tiles data={data} linkFilter={linkFilter} periodName={periodName} /> : <TilesSkeleton />}
      </section>

      <QueryCard
        id="by-source-heading"
        className="table-card"
        title="By source"
        subtitle={
          <>
            SRLs of {periodName}; rows under {Math.round(slaAttainmentGoal * 100)}% SLA attainment are
            flagged.
          </>
        }
        query={query}
        errorTitle="The hand-off by source could not be loaded"
        loading={<HandoffTableSkeleton />}
      >
        {(answer) => table(answer, 'bySource', sourceRows)}
      </QueryCard>

      <QueryCard
        id="by-owner-heading"
        className="table-card"
        title="By owner"
        subtitle="The sales rep each SRL was handed to."
        query={query}
        errorTitle="The hand-off by owner could not be loaded"
        loading={<HandoffTableSkeleton rows={10} />}
      >
        {(answer) => table(answer, 'byOwner', ownerRows)}
      </QueryCard>
      <Reasons query={query} />
    </>
  );
}

function Tiles({
  data,
  linkFilter,
  periodName,
}: {
  data: Handoff;
  linkFilter: GlobalFilter;
  periodName: string;
}) {
  // The waiting counts link to their lists under the same scope, so the list totals what the tile shows.
  const listFilter = data.scope.basis === 'period' ? linkFilter : leadFilterOf(linkFilter);
  const o = data.overall;
  const breaching = o.slaAttainment !== null && o.slaAttainment < slaAttainmentGoal;
  return (
    <div className="handoff-tiles">
      <Tile label="Speed to lead" title={definitions.speedToLead} testId="handoff-median">
        <p className="kpi-value">{formatHours(o.medianHours)}</p>
        <p className="tile-sub">
          median · p75 {formatHours(o.p75Hours)} · {formatInteger(o.followedUp)} of{' '}
          {formatInteger(o.salesReady)} followed up
        </p>
      </Tile>
      <Tile
        label={`SLA attainment (${data.slaHours} h)`}
        title={definitions.slaAttainment}
        tone={breaching ? 'bad' : 'good'}
        testId="handoff-sla"
      >
        <p className="kpi-value tile-tone">{formatPercent(o.slaAttainment)}</p>
        <p className="tile-sub">
          {formatInteger(o.withinSla)} within ·{' '}
          <span className={o.breached > 0 ? 'breach-count' : undefined}>
            {formatInteger(o.breached)} breached
          </span>
          {o.pending > 0 && <> · {formatInteger(o.pending)} pending</>}
        </p>
      </Tile>
      <Tile label="Accepted by sales" title={definitions.acceptedRate}>
        <p className="kpi-value">{formatPercent(o.acceptedRate)}</p>
        <p className="tile-sub">
          {formatInteger(o.accepted)} of {formatInteger(o.salesReady)} SRLs
        </p>
      </Tile>
      <Tile label="Rejected" title={definitions.rejectedRate}>
        <p className="kpi-value">{formatPercent(o.rejectedRate)}</p>
        <p className="tile-sub">{formatInteger(o.rejected)} sent back without acceptance</p>
      </Tile>
      <Tile
        label="Waiting now"
        title={`${definitions.neglected} ${definitions.stalled}`}
        tone={data.neglected > 0 ? 'bad' : undefined}
      >
        <p className="kpi-value tile-links">
          <Link
            to={handoffHref('neglected', listFilter)}
            className="tile-link"
            data-testid="handoff-neglected-link"
          >
            {formatInteger(data.neglected)}
            <span className="tile-link-label">neglected</span>
          </Link>
          <Link to={handoffHref('stalled', listFilter)} className="tile-link is-quiet">
            {formatInteger(data.stalled)}
            <span className="tile-link-label">stalled</span>
          </Link>
        </p>
        <p className="tile-sub" data-testid="handoff-waiting-scope">
          of the SRLs sales-ready in {scopeWords(data.scope, periodName)}, now: no follow-up past{' '}
          {data.slaHours} h / idle {data.stalledDays}+ days
        </p>
      </Tile>
    </div>
  );
}

function Tile({
  label,
  title,
  tone,
  testId,
  children,
}: {
  label: string;
  title: string;
  tone?: 'good' | 'bad';
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <article
      className={tone ? `kpi-tile handoff-tile tone-${tone}` : 'kpi-tile handoff-tile'}
      title={title}
      data-testid={testId}
    >
      <h3 className="kpi-label">{label}</h3>
      {children}
    </article>
  );
}

function TilesSkeleton() {
  return (
    <div className="handoff-tiles" aria-hidden="true">
      {['Speed to lead', 'SLA attainment', 'Accepted by sales', 'Rejected', 'Waiting now'].map((l) => (
        <div key={l} className="kpi-tile handoff-tile kpi-tile-skeleton">
          <p className="kpi-label">{l}</p>
          <p className="kpi-value">
            <span className="skeleton skeleton-value" />
          </p>
          <span className="skeleton skeleton-delta" />
        </div>
      ))}
    </div>
  );
}

function Reasons({ query }: { query: CardQuery<Handoff> }) {
  const o: HandoffFigures | undefined = query.data?.overall;
  return (
    <QueryCard
      id="reasons-heading"
      className="reasons-card"
      title="Why SRLs were disqualified"
      definition={definitions.disqualifiedRate}
      subtitle={
        o ? (
          `${formatInteger(o.disqualified)} of ${formatInteger(o.salesReady)} SRLs (${formatPercent(o.disqualifiedRate)}) disqualified after becoming sales-ready`
        ) : (
          <span className="skeleton skeleton-text-short" />
        )
      }
      query={query}
      errorTitle="The disqualification reasons could not be loaded"
      loading={
        <div className="reasons">
          {[0, 1, 2, 3].map((i) => (
            <span key={i} className="skeleton skeleton-line" />
          ))}
        </div>
      }
    >
      {(data) =>
        data.reasons.length === 0 ? (
          <p className="card-note">No SRL was disqualified in the period.</p>
        ) : (
          <ul className="reasons" data-testid="handoff-reasons">
            {data.reasons.map((r) => (
              <li key={r.reason} className="share">
                <span className="share-text">
                  <span className="share-label">{r.reason}</span>
                  <span className="share-value">
                    {formatInteger(r.count)} <b>{formatPercent(r.share)}</b>
                  </span>
                </span>
                <span className="share-track">
                  <span className="share-fill reason-fill" style={{ width: `${r.share * 100}%` }} />
                </span>
              </li>
            ))}
          </ul>
        )
      }
    </QueryCard>
  );
}
