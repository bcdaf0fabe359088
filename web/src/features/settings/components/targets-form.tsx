import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { DataTable, type SkeletonCell, SkeletonRows } from '../../../components/admin-table';
import { EmptyState } from '../../../components/empty-state';
import { errorMessage } from '../../../lib/api-client';
import { formatInteger } from '../../../lib/format';
import { quarterName, shiftQuarterLabel } from '../../../lib/quarters';
import type { SourceEntry } from '../api/get-sources';
import { type TargetEntry, type TargetMetric, targetsQueryOptions } from '../api/get-targets';
import { type TargetInput, useSaveTargets } from '../api/save-targets';
import { GridCellInput } from './grid-cell-input';
import { GridSaveFooter } from './grid-save-footer';
import { cellKey, metrics, parseTarget } from './target-metrics';
import { useGridEdits } from './use-grid-edits';

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

interface TargetRow {
  id: number | null;
  name: string;
  source?: SourceEntry;
}

export const targetsHead = (
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

/** A quarter's targets, a source per row and a metric per column, with what the sources add up to. */
export function TargetsForm({
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
  const { edits, notice, setNotice, edit, fill, saved: done, discard } = useGridEdits(onDirty, save);
  const [copying, setCopying] = useState(false);

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

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || invalid) return;
    save.mutate(
      { quarter, save: changes, remove: removals },
      {
        onSuccess: ({ saved: n, removed }) =>
          done(
            `Saved ${n + removed} ${n + removed === 1 ? 'target' : 'targets'} for ${quarterName(quarter)}. Pacing uses them now.`,
          ),
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
      fill(next, `${quarterName(previous)}’s ${list.length} targets are filled in: adjust them and save.`);
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
              const text = textOf(m.key, row.id);
              return (
                <td key={m.key} className="num">
                  <GridCellInput
                    text={text}
                    saved={savedText(m.key, row.id)}
                    editing={cellKey(m.key, row.id) in edits}
                    invalid={parseTarget(text) === 'invalid'}
                    unit={m.money ? currency : undefined}
                    label={`${m.label} target, ${row.name}`}
                    onChange={(next) => edit(cellKey(m.key, row.id), next)}
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
        onDiscard={discard}
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

/** The grid's place while its targets and sources load. */
export function TargetsSkeleton() {
  return (
    <DataTable className="targets-table" busy head={targetsHead}>
      <SkeletonRows cells={skeletonCells} rows={6} />
    </DataTable>
  );
}
