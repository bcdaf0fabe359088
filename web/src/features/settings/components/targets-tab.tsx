import { type FigureId, figureEntry } from '@salesready/api/figures/catalogue';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { DataTable, type SkeletonCell, SkeletonRows } from '../../../components/admin-table';
import { CardHeader } from '../../../components/card-header';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { type CardQuery, QueryState } from '../../../components/query-card';
import { StepButton } from '../../../components/step-button';
import { errorMessage } from '../../../lib/api-client';
import { useCompanySettings } from '../../../lib/company-settings';
import { formatInteger } from '../../../lib/format';
import { quarterName, shiftQuarterLabel } from '../../../lib/quarters';
import { useQuartersWithData } from '../../../lib/use-quarters-with-data';
import { type SourceEntry, useSources } from '../api/get-sources';
import { type TargetEntry, type TargetMetric, targetsQueryOptions, useTargets } from '../api/get-targets';
import { type TargetInput, useSaveTargets } from '../api/save-targets';
import { useTargetsUrl } from '../targets-url';
import { GridCellInput } from './grid-cell-input';
import { GridSaveFooter } from './grid-save-footer';

/** Each target is set on the catalogued figure pacing measures it with, under its label and definition. */
const target = (key: TargetMetric, id: FigureId, money: boolean) => {
  const entry = figureEntry(id);
  return { key, label: entry.label, money, hint: entry.definition };
};
const metrics: { key: TargetMetric; label: string; money: boolean; hint: string }[] = [
  target('leads', 'leads', false),
  target('sales_ready', 'srls', false),
  target('pipeline', 'pipelineCreated', true),
  target('revenue', 'wonRevenue', true),
];

const cellKey = (metric: TargetMetric, sourceId: number | null) => `${metric}:${sourceId ?? 'all'}`;

/** A typed target: digits with optional separators; empty means no target. */
function parseTarget(text: string): number | null | 'invalid' {
  const clean = text.replace(/[\s,_$€£]/g, '');
  if (clean === '') return null;
  if (!/^\d+(\.\d+)?$/.test(clean)) return 'invalid';
  const n = Number(clean);
  return n <= 1e13 ? n : 'invalid';
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Targets per quarter: each metric for the company and for each source, the yardstick of pacing and the gap. */
export function TargetsTab() {
  const settings = useCompanySettings();
  const [url, setUrl] = useTargetsUrl();
  const periods = useQuartersWithData().data;
  const current = periods?.current.label ?? null;
  const quarter = url.quarter ?? current;
  const [dirty, setDirty] = useState(false);
  const pickQuarter = (next: string) => {
    if (dirty && !window.confirm('Leave this quarter without saving its targets?')) return;
    setDirty(false);
    setUrl({ quarter: next === current ? undefined : next });
  };
  return (
    <section className="card table-card" aria-labelledby="targets-title" data-testid="settings-targets">
      <CardHeader
        id="targets-title"
        title={`Targets ${quarter ? `for ${quarterName(quarter)}` : ''}`}
        className="targets-head"
        subtitle={
          <>
            {periods?.planning.find((q) => q.label === quarter)?.months.concat('. ') ?? ''}
            Pacing, the projection and the gap are measured against these. Leave a cell empty for no target.
          </>
        }
      >
        {quarter && current && <QuarterStepper quarter={quarter} current={current} onChange={pickQuarter} />}
      </CardHeader>
      {settings.isError && !settings.data ? (
        <div className="card-state">
          <ErrorState level={3} error={settings.error} onRetry={() => void settings.refetch()} />
        </div>
      ) : quarter ? (
        <TargetsGrid
          key={quarter}
          quarter={quarter}
          currency={settings.data?.currency ?? 'USD'}
          onDirty={setDirty}
        />
      ) : (
        <TargetsSkeleton />
      )}
    </section>
  );
}

function QuarterStepper({
  quarter,
  current,
  onChange,
}: {
  quarter: string;
  current: string;
  onChange: (quarter: string) => void;
}) {
  const id = useId();
  // Four quarters back and four ahead: targets are set for what is coming as much as for now.
  const options = Array.from({ length: 9 }, (_, i) => shiftQuarterLabel(current, 4 - i));
  if (!options.includes(quarter)) options.push(quarter);
  return (
    <div className="quarter-picker" data-testid="targets-quarter">
      <StepButton
        direction="previous"
        label="Previous quarter"
        onStep={() => onChange(shiftQuarterLabel(quarter, -1))}
      />
      <label htmlFor={id} className="visually-hidden">
        Quarter
      </label>
      <select id={id} className="quarter-select" value={quarter} onChange={(e) => onChange(e.target.value)}>
        {options.map((q) => (
          <option key={q} value={q}>
            {quarterName(q)}
            {q === current ? ' (current)' : ''}
          </option>
        ))}
      </select>
      <StepButton
        direction="next"
        label="Next quarter"
        onStep={() => onChange(shiftQuarterLabel(quarter, 1))}
      />
    </div>
  );
}

interface TargetRow {
  id: number | null;
  name: string;
  source?: SourceEntry;
}

const targetsHead = (
  <>
    <th scope="col" className="sticky-col">
      Target for
    </th>
    {metrics.map((m) => (
      <th key={m.key} scope="col" className="num" title={m.hint}>
        {m.label}
      </th>
    ))}
  </>
);

const skeletonCells: SkeletonCell[] = [
  'skeleton-cell-wide',
  ...metrics.map(() => ({ skeleton: 'skeleton-cell-wide', className: 'num' })),
];

/** The quarter's targets and the sources they are set for, loaded together: the grid waits for both. */
function TargetsGrid({
  quarter,
  currency,
  onDirty,
}: {
  quarter: string;
  currency: string;
  onDirty: (dirty: boolean) => void;
}) {
  const targets = useTargets(quarter);
  const sources = useSources();
  const both: CardQuery<{ entries: TargetEntry[]; sources: SourceEntry[] }> = {
    data: targets.data && sources.data ? { entries: targets.data, sources: sources.data } : undefined,
    isError: (targets.isError && !targets.data) || (sources.isError && !sources.data),
    error: targets.error ?? sources.error,
    isFetching: targets.isFetching || sources.isFetching,
    refetch: () => {
      void targets.refetch();
      void sources.refetch();
    },
  };
  return (
    <QueryState query={both} errorTitle="The targets could not be loaded" loading={<TargetsSkeleton />}>
      {(data) => (
        <TargetsForm
          quarter={quarter}
          currency={currency}
          onDirty={onDirty}
          entries={data.entries}
          sources={data.sources}
        />
      )}
    </QueryState>
  );
}

function TargetsForm({
  quarter,
  currency,
  onDirty,
  entries,
  sources,
}: {
  quarter: string;
  currency: string;
  onDirty: (dirty: boolean) => void;
  entries: TargetEntry[];
  sources: SourceEntry[];
}) {
  const queryClient = useQueryClient();
  const save = useSaveTargets();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [copying, setCopying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const saved = useMemo(() => {
    const map = new Map<string, TargetEntry>();
    for (const t of entries) map.set(cellKey(t.metric, t.sourceId), t);
    return map;
  }, [entries]);

  const rows: TargetRow[] = [
    { id: null, name: 'Company' },
    ...[...sources]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => ({ id: s.id, name: s.name, source: s })),
  ];
  const savedText = (metric: TargetMetric, id: number | null) => {
    const t = saved.get(cellKey(metric, id));
    return t ? String(t.value) : '';
  };
  const textOf = (metric: TargetMetric, id: number | null) =>
    edits[cellKey(metric, id)] ?? savedText(metric, id);

  const changes: TargetInput[] = [];
  const removals: { metric: TargetMetric; sourceId: number | null }[] = [];
  let invalid = 0;
  for (const [key, text] of Object.entries(edits)) {
    const [metric, source] = key.split(':') as [TargetMetric, string];
    const sourceId = source === 'all' ? null : Number(source);
    const value = parseTarget(text);
    const before = saved.get(key)?.value ?? null;
    if (value === 'invalid') invalid++;
    else if (value === null && before !== null) removals.push({ metric, sourceId });
    else if (value !== null && value !== before) changes.push({ quarter, metric, sourceId, value });
  }
  const dirty = changes.length + removals.length > 0;

  const edit = (metric: TargetMetric, id: number | null, text: string) => {
    setNotice(null);
    setEdits((e) => {
      const next = { ...e, [cellKey(metric, id)]: text };
      onDirty(true);
      return next;
    });
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || invalid) return;
    save.mutate(
      { quarter, save: changes, remove: removals },
      {
        onSuccess: ({ saved: n, removed }) => {
          setEdits({});
          onDirty(false);
          setNotice(
            `Saved ${n + removed} ${n + removed === 1 ? 'target' : 'targets'} for ${quarterName(quarter)}. Pacing uses them now.`,
          );
        },
      },
    );
  };
  const copyPrevious = async () => {
    setCopying(true);
    setNotice(null);
    try {
      const previous = shiftQuarterLabel(quarter, -1);
      const list = await queryClient.fetchQuery(targetsQueryOptions(previous));
      if (list.length === 0) {
        setNotice(`${quarterName(previous)} has no targets to copy.`);
        return;
      }
      const next: Record<string, string> = {};
      for (const t of list) next[cellKey(t.metric, t.sourceId)] = plain.format(t.value);
      setEdits(next);
      onDirty(true);
      setNotice(`${quarterName(previous)}’s ${list.length} targets are filled in: adjust them and save.`);
    } catch (error) {
      setNotice(`The previous quarter could not be read: ${errorMessage(error)}`);
    } finally {
      setCopying(false);
    }
  };

  const sums = metrics.map((m) => {
    let sum = 0;
    let any = false;
    for (const r of rows.slice(1)) {
      const v = parseTarget(textOf(m.key, r.id));
      if (typeof v === 'number') {
        sum += v;
        any = true;
      }
    }
    const company = parseTarget(textOf(m.key, null));
    return { sum: any ? sum : null, company: typeof company === 'number' ? company : null };
  });
  const empty = entries.length === 0 && Object.keys(edits).length === 0;

  return (
    <form onSubmit={submit} noValidate>
      {empty && (
        <div className="targets-empty">
          <EmptyState
            compact
            level={3}
            title={`No targets for ${quarterName(quarter)} yet`}
            text="Without a target, pacing shows the run rate and the projection but no gap. Type them below, or start from last quarter’s."
            action={
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void copyPrevious()}
                disabled={copying}
              >
                {copying ? 'Copying…' : `Copy ${quarterName(shiftQuarterLabel(quarter, -1))}’s targets`}
              </button>
            }
          />
        </div>
      )}
      <DataTable
        className="targets-table"
        head={targetsHead}
        foot={
          <tr className="total-row">
            <th scope="row" className="sticky-col">
              Sources add up to
            </th>
            {sums.map(({ sum, company }, i) => (
              <td key={metrics[i]?.key} className="num">
                {sum === null ? (
                  <span className="muted">—</span>
                ) : (
                  <>
                    {plain.format(sum)}
                    {company !== null && (
                      <span className={Math.abs(sum - company) < 0.5 ? 'sum-note is-match' : 'sum-note'}>
                        {Math.abs(sum - company) < 0.5
                          ? 'matches the company'
                          : `${sum < company ? '' : '+'}${formatInteger(Math.round(((sum - company) / company) * 100))}% vs company`}
                      </span>
                    )}
                  </>
                )}
              </td>
            ))}
          </tr>
        }
      >
        {rows.map((row) => (
          <tr key={row.id ?? 'all'} className={row.id === null ? 'company-row' : undefined}>
            <th scope="row" className="sticky-col">
              {row.source && (
                <span className={`category-dot category-${row.source.category}`} aria-hidden="true" />
              )}
              {row.name}
              {row.id === null && <span className="row-meta">All sources together</span>}
            </th>
            {metrics.map((m) => {
              const key = cellKey(m.key, row.id);
              const text = textOf(m.key, row.id);
              const bad = parseTarget(text) === 'invalid';
              const changed = key in edits && text !== savedText(m.key, row.id);
              return (
                <td key={m.key} className="num">
                  <GridCellInput
                    value={text === '' || bad || key in edits ? text : plain.format(Number(text))}
                    invalid={bad}
                    changed={changed}
                    unit={m.money ? currency : undefined}
                    label={`${m.label} target, ${row.name}`}
                    onChange={(next) => edit(m.key, row.id, next)}
                    testId={`target-${m.key}-${row.id ?? 'all'}`}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
      <GridSaveFooter
        error={save.error}
        invalid={invalid}
        invalidHint="not a number: use digits only, e.g. 1200 or 1,200."
        notice={notice}
        noticeIsGood={notice?.startsWith('Saved') ?? false}
        unsaved={changes.length + removals.length}
        idle="All targets saved."
        canDiscard={Object.keys(edits).length > 0}
        onDiscard={() => {
          setEdits({});
          onDirty(false);
          setNotice(null);
          save.reset();
        }}
        pending={save.isPending}
        saveLabel="Save targets"
        saveTestId="targets-save"
      >
        {!empty && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => void copyPrevious()}
            disabled={copying || save.isPending}
          >
            {copying ? 'Copying…' : 'Copy last quarter’s'}
          </button>
        )}
      </GridSaveFooter>
    </form>
  );
}

function TargetsSkeleton() {
  return (
    <DataTable className="targets-table" busy head={targetsHead}>
      <SkeletonRows cells={skeletonCells} rows={6} />
    </DataTable>
  );
}
