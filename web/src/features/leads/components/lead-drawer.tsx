import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ErrorState } from '../../../components/error-state';
import { Segmented } from '../../../components/segmented';
import { isApiError } from '../../../lib/api-client';
import { categoryNames, type SourceCategory } from '../../../lib/filters';
import { formatDateTime, formatDay, formatInteger, formatMoney } from '../../../lib/format';
import { stageName } from '../../../lib/stages';
import { type LeadDetail, useLead } from '../api/get-lead';
import { BantScore, StagePill } from './stage-pill';

interface LeadDrawerProps {
  id: number;
  onClose: () => void;
}

/** One lead: who, where from, BANT, and the timeline of its stages and touches. */
export function LeadDrawer({ id, onClose }: LeadDrawerProps) {
  const lead = useLead(id);
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  // Focus moves into the drawer when it opens and back where it was when it closes.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    panelRef.current?.focus();
    return () => before?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="drawer-layer">
      <button
        type="button"
        className="drawer-backdrop"
        aria-label="Close the lead"
        tabIndex={-1}
        onClick={onClose}
      />
      <div
        ref={panelRef}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="lead-drawer"
        onKeyDown={(event) => trapFocus(event, panelRef.current)}
      >
        <header className="drawer-header">
          <div className="drawer-heading">
            <p className="drawer-eyebrow">Lead {lead.data ? lead.data.externalId : `#${id}`}</p>
            <h2 id={titleId} className="drawer-title">
              {lead.data ? (
                (lead.data.company ?? 'Unnamed company')
              ) : (
                <span className="skeleton skeleton-cell-wide" />
              )}
            </h2>
          </div>
          <button type="button" className="icon-button" onClick={onClose} title="Close (Esc)">
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
            <span className="visually-hidden">Close</span>
          </button>
        </header>
        <div className="drawer-body">
          {lead.data ? (
            <LeadBody lead={lead.data} />
          ) : lead.isError ? (
            isApiError(lead.error, 'not_found') ? (
              <div className="state-panel state-empty is-compact">
                <h3 className="state-title">No such lead</h3>
                <p className="state-text">
                  Lead #{id} does not exist, or it was deleted. Close this panel to go back to the list.
                </p>
              </div>
            ) : (
              <ErrorState
                title="The lead could not be loaded"
                level={3}
                error={lead.error}
                onRetry={() => void lead.refetch()}
                retrying={lead.isFetching}
              />
            )
          ) : (
            <DrawerSkeleton />
          )}
        </div>
      </div>
    </div>
  );
}

function LeadBody({ lead }: { lead: LeadDetail }) {
  const facts: [string, string][] = [
    ['Source', `${lead.source} (${categoryNames[lead.category as SourceCategory] ?? lead.category})`],
    ['Campaign', lead.campaign ?? '—'],
    ['Owner', lead.owner ?? 'Unassigned'],
    ['Segment', lead.segment ?? '—'],
    ['Country', lead.country ?? '—'],
    ['Amount', lead.amount === null ? '—' : formatMoney(lead.amount)],
    ['Lead score', lead.score === null ? '—' : `${formatInteger(lead.score)} / 100`],
    ['Origin', lead.originSystem],
  ];
  const bant = [
    { key: 'budget', label: 'Budget', on: lead.budget },
    { key: 'authority', label: 'Authority', on: lead.authority },
    { key: 'need', label: 'Need', on: lead.need },
    { key: 'timeframe', label: 'Timeframe', on: lead.timeframe },
  ];
  return (
    <>
      <div className="drawer-status">
        <StagePill stage={lead.stage} />
        {lead.disqualifyReason && (
          <span className="drawer-reason">Disqualified: {lead.disqualifyReason}</span>
        )}
      </div>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section className="drawer-section" aria-labelledby="bant-heading">
        <div className="drawer-section-head">
          <h3 id="bant-heading" className="drawer-section-title">
            BANT
          </h3>
          <BantScore score={lead.bantScore} flags={lead} />
        </div>
        <fieldset className="bant-checks" disabled>
          <legend className="visually-hidden">BANT qualification, as imported (read-only)</legend>
          {bant.map((b) => (
            <label key={b.key} className={b.on ? 'bant-check is-on' : 'bant-check'}>
              <input type="checkbox" checked={b.on} readOnly />
              {b.label}
            </label>
          ))}
        </fieldset>
        <p className="drawer-hint">
          {lead.bantScore === 4
            ? 'All four confirmed: sales-ready under the default rule.'
            : `${4 - lead.bantScore} to confirm before the default sales-ready rule (BANT score = 4) is met.`}
        </p>
      </section>

      <Timeline lead={lead} />
    </>
  );
}

type Entry =
  | { type: 'stage'; at: string; stage: string }
  | { type: 'touch'; at: string; kind: string; channel: string | null; actor: string };

const touchFilters = [
  { value: 'all', label: 'All' },
  { value: 'marketing', label: 'Marketing' },
  { value: 'sales', label: 'Sales' },
] as const;

function Timeline({ lead }: { lead: LeadDetail }) {
  const [show, setShow] = useState<'all' | 'marketing' | 'sales'>('all');
  const entries = useMemo(() => {
    const all: Entry[] = [
      ...lead.stages.map((s) => ({ type: 'stage' as const, at: s.at, stage: s.stage })),
      ...lead.touches.map((t) => ({
        type: 'touch' as const,
        at: t.occurredAt,
        kind: t.kind,
        channel: t.channel,
        actor: t.actor,
      })),
    ];
    // Newest first; a stage and a touch at the same instant: the stage first.
    return all.sort((a, b) => b.at.localeCompare(a.at) || (a.type === 'stage' ? -1 : 1));
  }, [lead]);
  const counts = {
    marketing: lead.touches.filter((t) => t.actor === 'marketing').length,
    sales: lead.touches.filter((t) => t.actor !== 'marketing').length,
  };
  const shown = entries.filter(
    (e) =>
      e.type === 'stage' ||
      show === 'all' ||
      e.actor === show ||
      (show === 'sales' && e.actor !== 'marketing'),
  );
  return (
    <section className="drawer-section" aria-labelledby="timeline-heading">
      <div className="drawer-section-head">
        <h3 id="timeline-heading" className="drawer-section-title">
          Timeline
        </h3>
        <Segmented
          legend="Touches to show"
          options={touchFilters}
          value={show}
          onChange={setShow}
          size="small"
        />
      </div>
      <p className="drawer-hint">
        {lead.stages.length} {lead.stages.length === 1 ? 'stage' : 'stages'} ·{' '}
        <span className="touch-key is-marketing">{counts.marketing} marketing</span> and{' '}
        <span className="touch-key is-sales">{counts.sales} sales</span> touches · times in UTC
      </p>
      <ol className="timeline" data-testid="lead-timeline">
        {shown.map((e, i) =>
          e.type === 'stage' ? (
            <li key={`s-${e.stage}`} className={`timeline-item is-stage stage-${e.stage}`}>
              <span className="timeline-marker" aria-hidden="true" />
              <div className="timeline-content">
                <p className="timeline-title">{stageEvent(e.stage)}</p>
                <p className="timeline-time" title={formatDateTime(e.at)}>
                  {formatDay(e.at)}
                </p>
              </div>
            </li>
          ) : (
            <li
              key={`t-${i}`}
              className={`timeline-item is-touch ${e.actor === 'marketing' ? 'is-marketing' : 'is-sales'}`}
            >
              <span className="timeline-marker" aria-hidden="true" />
              <div className="timeline-content">
                <p className="timeline-title">
                  <span className="touch-actor">{e.actor === 'marketing' ? 'Marketing' : 'Sales'}</span>
                  {capitalise(e.kind)}
                  {e.channel && <span className="timeline-channel"> · {e.channel}</span>}
                </p>
                <p className="timeline-time" title={formatDateTime(e.at)}>
                  {formatDay(e.at)}
                </p>
              </div>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}

/** A stage reached, as an event: Created, Became SRL, Won. */
function stageEvent(stage: string): string {
  if (stage === 'lead') return 'Created';
  if (stage === 'won' || stage === 'lost' || stage === 'disqualified') return stageName(stage);
  return `Became ${stageName(stage)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function DrawerSkeleton() {
  return (
    <div aria-hidden="true">
      <div className="drawer-status">
        <span className="skeleton skeleton-cell" />
      </div>
      <dl className="facts">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="fact">
            <dt>
              <span className="skeleton skeleton-cell" />
            </dt>
            <dd>
              <span className="skeleton skeleton-cell-wide" />
            </dd>
          </div>
        ))}
      </dl>
      <span className="skeleton skeleton-chart" style={{ height: 240, marginTop: 24 }} />
    </div>
  );
}

/** Tab stays inside the open drawer (it is modal). */
function trapFocus(event: React.KeyboardEvent, panel: HTMLElement | null) {
  if (event.key !== 'Tab' || !panel) return;
  const focusable = panel.querySelectorAll<HTMLElement>(
    'button:not([disabled]), a[href], input:not([disabled]), [tabindex="0"]',
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && (document.activeElement === first || document.activeElement === panel)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
