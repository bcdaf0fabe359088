import { useEffect, useId, useRef, useState } from 'react';
import { AdminTableCard } from '../../../components/admin-table';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { categoryNames, type SourceCategory, sourceCategories } from '../../../lib/filters';
import { formatInteger } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { type SourceEntry, useSources } from '../api/get-sources';
import { useMergeSource } from '../api/merge-source';
import { useUpdateSource } from '../api/update-source';

const categoryHelp: Record<SourceCategory, string> = {
  marketing: 'counts as marketing-sourced',
  sales: 'outbound, the sales team’s own',
  partner: 'referrals and resellers',
  other: 'not marketing, sales or partner',
};

/** The source taxonomy: each source's category (what counts as marketing-sourced) and name. */
export function SourcesTab() {
  const sources = useSources();
  const list = sources.data;
  const others = list?.filter((s) => s.category === 'other') ?? [];
  // Sources filed under Other first: they are the ones imports create and someone has to sort.
  const sorted = list
    ? [...list].sort(
        (a, b) =>
          Number(b.category === 'other') - Number(a.category === 'other') ||
          b.leads - a.leads ||
          a.name.localeCompare(b.name),
      )
    : undefined;
  return (
    <AdminTableCard
      id="sources-title"
      title="Sources"
      subtitle="A deal is marketing-sourced when its lead’s source is in Marketing. A new category applies to every figure at once."
      testId="settings-sources"
      notice={
        others.length > 0 && (
          <p className="banner is-warning sources-banner" data-testid="sources-other-note">
            <b>
              {others.length} {others.length === 1 ? 'source is' : 'sources are'} filed under Other.
            </b>{' '}
            Imports file sources SalesReady does not know there: give each the category it belongs to.
          </p>
        )
      }
      query={{ ...sources, data: sorted }}
      errorTitle="The sources could not be loaded"
      empty={{
        title: 'No sources yet',
        text: 'Sources appear as leads are imported: each new source name becomes a source here, under Other.',
        action: (
          <Link to="/imports" className="button button-secondary">
            Import leads
          </Link>
        ),
      }}
      className="sources-admin-table"
      head={
        <>
          <th scope="col">Source</th>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Leads
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </>
      }
      skeletonCells={[
        'skeleton-cell-wide',
        'skeleton-cell-wide',
        { skeleton: 'skeleton-cell', className: 'num' },
        null,
      ]}
      skeletonRows={5}
    >
      {(rows) => rows.map((source) => <SourceRow key={source.id} source={source} all={rows} />)}
    </AdminTableCard>
  );
}

function SourceRow({ source, all }: { source: SourceEntry; all: SourceEntry[] }) {
  const update = useUpdateSource();
  const [merging, setMerging] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(source.name);
  const [saved, setSaved] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const category = source.category as SourceCategory;
  useEffect(() => {
    if (renaming) inputRef.current?.focus();
  }, [renaming]);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), 2500);
    return () => clearTimeout(timer);
  }, [saved]);
  const rename = () => {
    const next = name.trim();
    if (!next || next === source.name) {
      setRenaming(false);
      setName(source.name);
      return;
    }
    update.mutate(
      { id: source.id, change: { name: next } },
      {
        onSuccess: () => {
          setRenaming(false);
          setSaved(true);
        },
      },
    );
  };
  return (
    <tr
      className={category === 'other' ? 'needs-category' : undefined}
      data-testid={`source-row-${source.id}`}
      aria-busy={update.isPending || undefined}
    >
      <th scope="row" className="source-name-cell">
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              rename();
            }}
          >
            <input
              ref={inputRef}
              className="text-input"
              value={name}
              maxLength={100}
              aria-label={`New name for ${source.name}`}
              aria-invalid={update.isError || undefined}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setRenaming(false);
                  setName(source.name);
                  update.reset();
                }
              }}
            />
            <button type="submit" className="button button-primary button-small" disabled={update.isPending}>
              Save
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => {
                setRenaming(false);
                setName(source.name);
                update.reset();
              }}
            >
              Cancel
            </button>
          </form>
        ) : (
          <>
            <span className={`category-dot category-${category}`} aria-hidden="true" />
            {source.name}
            {category === 'other' && (
              <span className="attention-chip tone-fill tone-warn">Check its category</span>
            )}
          </>
        )}
        {update.isError && (
          <span className="field-error" role="alert">
            {isApiError(update.error, 'conflict')
              ? capitalise(update.error.message)
              : errorMessage(update.error)}
          </span>
        )}
      </th>
      <td>
        <select
          className="select category-select"
          value={category}
          aria-label={`Category of ${source.name}`}
          disabled={update.isPending}
          onChange={(e) =>
            update.mutate(
              { id: source.id, change: { category: e.target.value as SourceCategory } },
              { onSuccess: () => setSaved(true) },
            )
          }
          data-testid={`source-category-${source.id}`}
        >
          {sourceCategories.map((c) => (
            <option key={c} value={c}>
              {categoryNames[c]} — {categoryHelp[c]}
            </option>
          ))}
        </select>
        <span className="row-status" aria-live="polite">
          {update.isPending ? 'Saving…' : saved ? 'Saved' : ''}
        </span>
      </td>
      <td className="num">{formatInteger(source.leads)}</td>
      <td className="row-actions">
        {!renaming && (
          <>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setRenaming(true)}
              aria-label={`Rename ${source.name}`}
            >
              Rename
            </button>
            {all.length > 1 && (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setMerging(true)}
                aria-label={`Merge ${source.name} into another source`}
                data-testid={`source-merge-${source.id}`}
              >
                Merge…
              </button>
            )}
          </>
        )}
        {merging && <MergeDialog source={source} all={all} onClose={() => setMerging(false)} />}
      </td>
    </tr>
  );
}

/** Which source to merge into, and what follows: asked before anything moves. */
function MergeDialog({
  source,
  all,
  onClose,
}: {
  source: SourceEntry;
  all: SourceEntry[];
  onClose: () => void;
}) {
  const merge = useMergeSource();
  const selectId = useId();
  const others = all.filter((s) => s.id !== source.id).sort((a, b) => a.name.localeCompare(b.name));
  const [into, setInto] = useState<number | null>(null);
  const target = others.find((s) => s.id === into);
  return (
    <ConfirmDialog
      open
      title={`Merge ${source.name} into another source?`}
      confirmLabel={target ? `Merge into ${target.name}` : 'Merge'}
      busy={merge.isPending}
      error={merge.error}
      onCancel={onClose}
      onConfirm={() => {
        if (into !== null) merge.mutate({ id: source.id, into }, { onSuccess: onClose });
      }}
      testId="source-merge-dialog"
    >
      <div className="field">
        <label htmlFor={selectId}>Merge into</label>
        <select
          id={selectId}
          className="select"
          value={into ?? ''}
          onChange={(e) => setInto(e.target.value ? Number(e.target.value) : null)}
          data-testid="source-merge-into"
        >
          <option value="">Choose a source…</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({formatInteger(s.leads)} leads)
            </option>
          ))}
        </select>
      </div>
      <p>
        Its {formatInteger(source.leads)} {source.leads === 1 ? 'lead' : 'leads'}, its spend and its targets
        move to {target ? target.name : 'the source you choose'}, and every figure counts them there.{' '}
        {source.name} disappears from the list; imports naming it join {target ? target.name : 'that source'}.
      </p>
    </ConfirmDialog>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
