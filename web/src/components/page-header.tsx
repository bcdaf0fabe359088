import type { ComponentProps, ReactNode } from 'react';
import type { GlobalFilter, PeriodFilter } from '../lib/filters';
import { formatPeriodRange } from '../lib/format';
import { FilterBar } from './filter-bar';
import { PeriodPicker } from './period-picker';

type PickerProps = Omit<ComponentProps<typeof PeriodPicker>, 'value' | 'onChange'> & {
  /** By default the new period replaces the filter's quarter and range. */
  onChange?: (next: PeriodFilter) => void;
};

type FilterBarProps = Omit<ComponentProps<typeof FilterBar>, 'filter' | 'onChange'> & {
  /** By default the filter bar's answer is laid over the page's filter. */
  onChange?: (next: GlobalFilter) => void;
};

interface PageHeaderProps<F extends GlobalFilter> {
  title: string;
  /** Beside the title (how far into the quarter, or that it closed); given, even empty, it gets its row. */
  badge?: ReactNode;
  /** The period in view, named, with its dates: null until the answer names it. */
  period: { name: string; from: string; to: string } | null;
  /** What the figures cover, after the period's name and dates: empty until the answer is in. */
  summary?: ReactNode;
  /** The first answer is on its way: the subtitle holds its place. */
  pending: boolean;
  /** A subtitle of its own, in place of the period line (a view that is not of a period). */
  subtitle?: ReactNode;
  filter: F;
  onFilter: (next: F) => void;
  picker: PickerProps;
  /** The page's own controls, before the period picker. */
  actions?: ReactNode;
  /** The lead filters under the header; false for none. */
  filters?: FilterBarProps | false;
}

/** The dot between the parts of a page's subtitle. */
export function PageDot() {
  return (
    <span className="page-dot" aria-hidden="true">
      ·
    </span>
  );
}

/**
 * A dashboard page's heading: its title, the period with what the figures cover, the period picker
 * with the page's own controls, and the lead filters under it.
 */
export function PageHeader<F extends GlobalFilter>({
  title,
  badge,
  period,
  summary,
  pending,
  subtitle,
  filter,
  onFilter,
  picker: { onChange: onPeriod, ...picker },
  actions,
  filters = {},
}: PageHeaderProps<F>) {
  const periodPicker = (
    <PeriodPicker
      {...picker}
      value={filter}
      onChange={
        onPeriod ?? ((next) => onFilter({ ...filter, quarter: next.quarter, from: next.from, to: next.to }))
      }
    />
  );
  const heading = <h1 className="page-title">{title}</h1>;
  return (
    <>
      <header className="page-header">
        <div className="page-heading">
          {badge === undefined ? (
            heading
          ) : (
            <div className="page-title-row">
              {heading}
              {badge}
            </div>
          )}
          <p className="page-subtitle">
            {subtitle !== undefined ? (
              subtitle
            ) : period && summary ? (
              <>
                <span className="page-period">{period.name}</span>
                <PageDot />
                {formatPeriodRange(period.from, period.to)}
                <PageDot />
                {summary}
              </>
            ) : pending ? (
              <span className="skeleton skeleton-text" />
            ) : null}
          </p>
        </div>
        {actions === undefined ? (
          periodPicker
        ) : (
          <div className="page-controls">
            {actions}
            {periodPicker}
          </div>
        )}
      </header>
      {filters && (
        <FilterBar
          {...filters}
          filter={filter}
          onChange={filters.onChange ?? ((next) => onFilter({ ...filter, ...next }))}
        />
      )}
    </>
  );
}
