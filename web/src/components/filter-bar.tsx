import { type ReactNode, useEffect, useState } from 'react';
import {
  categoryNames,
  type GlobalFilter,
  hasLeadFilter,
  type SourceCategory,
  sourceCategories,
  withoutLeadFilter,
} from '../lib/filters';
import type { SourceOption } from '../lib/source-options';
import { LabelledInput, LabelledSelect } from './labelled-control';

interface FilterBarProps {
  filter: GlobalFilter;
  onChange: (next: GlobalFilter) => void;
  /** Sources to pick from; leave out to offer no source filter (the sources page is by source already). */
  sources?: SourceOption[] | null;
  /** The page's own controls (view toggle and the like), at the end of the bar. */
  children?: ReactNode;
}

/** The lead filters every page shares: source, category, segment and owner, all kept in the URL. */
export function FilterBar({ filter, onChange, sources, children }: FilterBarProps) {
  const set = (patch: Partial<GlobalFilter>) => onChange({ ...filter, ...patch });
  const sourceIds = filter.source?.split(',') ?? [];
  return (
    <div className="filter-bar">
      <fieldset className="filter-fields">
        <legend className="visually-hidden">Filters</legend>
        {sources !== undefined && (
          <SelectFilter
            label="Source"
            value={filter.source ?? ''}
            active={Boolean(filter.source)}
            onChange={(v) => set({ source: v || undefined })}
          >
            <option value="">All sources</option>
            {sourceIds.length > 1 && <option value={filter.source}>{sourceIds.length} sources</option>}
            {sourceIds.length === 1 && !sources?.some((s) => String(s.id) === filter.source) && (
              <option value={filter.source}>Source #{filter.source}</option>
            )}
            {sourceCategories.map((category) => {
              const inCategory = (sources ?? []).filter((s) => s.category === category);
              if (inCategory.length === 0) return null;
              return (
                <optgroup key={category} label={categoryNames[category]}>
                  {inCategory.map((s) => (
                    <option key={s.id} value={String(s.id)}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </SelectFilter>
        )}
        <SelectFilter
          label="Category"
          value={filter.category ?? ''}
          active={Boolean(filter.category)}
          onChange={(v) => set({ category: (v || undefined) as SourceCategory | undefined })}
        >
          <option value="">All categories</option>
          {sourceCategories.map((c) => (
            <option key={c} value={c}>
              {categoryNames[c]}
            </option>
          ))}
        </SelectFilter>
        <TextFilter label="Segment" value={filter.segment} onCommit={(v) => set({ segment: v })} />
        <TextFilter label="Owner" value={filter.owner} onCommit={(v) => set({ owner: v })} />
        {hasLeadFilter(filter) && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => onChange(withoutLeadFilter(filter))}
          >
            Clear filters
          </button>
        )}
      </fieldset>
      {children && <div className="filter-extra">{children}</div>}
    </div>
  );
}

/** A labelled select in a filter bar or toolbar, marked while it narrows the view. */
export function SelectFilter({
  label,
  value,
  active,
  onChange,
  title,
  children,
}: {
  label: string;
  value: string;
  active: boolean;
  onChange: (value: string) => void;
  title?: string;
  children: ReactNode;
}) {
  return (
    <div className={active ? 'filter-field is-active' : 'filter-field'} title={title}>
      <LabelledSelect
        label={label}
        labelClassName="filter-label"
        className="filter-control"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </LabelledSelect>
    </div>
  );
}

/** Exact-match text (the API matches segment and owner exactly); applied on Enter or on leaving the field. */
function TextFilter({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = () => {
    const next = draft.trim() || undefined;
    if (next !== value) onCommit(next);
  };
  return (
    <div className={value ? 'filter-field is-active' : 'filter-field'}>
      <LabelledInput
        label={label}
        labelClassName="filter-label"
        className="filter-control filter-text"
        value={draft}
        placeholder="Any"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value ?? '');
        }}
        title={`Exact ${label.toLowerCase()} name; press Enter to apply`}
      />
    </div>
  );
}
