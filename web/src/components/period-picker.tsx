import { type FormEvent, useEffect, useState } from 'react';
import type { PeriodFilter } from '../lib/filters';
import { formatPeriodRange } from '../lib/format';
import {
  compareQuarterLabels,
  isQuarterLabel,
  quarterName,
  recentQuarters,
  shiftQuarterLabel,
} from '../lib/quarters';
import { useQuartersWithData } from '../lib/use-quarters-with-data';
import { LabelledInput, LabelledSelect } from './labelled-control';
import { StepButton } from './step-button';

interface ResolvedPeriod {
  label: string;
  from: string;
  to: string;
}

interface PeriodPickerProps {
  /** The period the URL asks for. */
  value: PeriodFilter;
  /** The period the server resolved for it; null while unknown. */
  resolved: ResolvedPeriod | null;
  /** Today's fiscal quarter: the newest that can be picked. */
  current: string | null;
  onChange: (next: PeriodFilter) => void;
  /** A period the user is about to pick (pointer over or focus on prev/next): load it ahead. */
  onIntent?: (next: PeriodFilter) => void;
  /** The page's own span when no period is given (e.g. "Last 8 quarters"); offered as an option. */
  defaultOption?: string;
  /** Offer a custom range of days besides fiscal quarters. */
  allowRange?: boolean;
}

const listed = 8;
const rangeValue = 'range';

/** Fiscal quarter (with previous / next), or a custom range of days; the page's URL holds the choice. */
export function PeriodPicker({
  value,
  resolved,
  current,
  onChange,
  onIntent,
  defaultOption,
  allowRange = true,
}: PeriodPickerProps) {
  const inRange = Boolean(value.from && value.to);
  const [editing, setEditing] = useState(inRange);
  useEffect(() => setEditing(inRange), [inRange]);

  // The quarter shown: the URL's, else the one the server resolved (when it is one).
  const resolvedQuarter = resolved && isQuarterLabel(resolved.label) ? resolved.label : null;
  const quarter = value.quarter ?? (inRange || defaultOption ? null : resolvedQuarter);
  const newest = current ?? quarter ?? resolvedQuarter;
  // Every quarter with data once the server has listed them; the last few until then.
  const withData = useQuartersWithData().data?.quarters.map((q) => q.label);
  const options = withData ?? (newest ? recentQuarters(newest, listed) : []);
  if (quarter && !options.includes(quarter)) options.push(quarter);
  options.sort((a, b) => compareQuarterLabels(b, a));
  const selected = editing ? rangeValue : (quarter ?? (defaultOption ? '' : null));
  const atNewest = !quarter || !newest || compareQuarterLabels(quarter, newest) >= 0;
  const known = selected !== null;
  const shift = (by: number) => (quarter ? { quarter: shiftQuarterLabel(quarter, by) } : null);
  const intent = (by: number) => () => {
    const next = shift(by);
    if (next) onIntent?.(next);
  };

  return (
    <div className="period-picker">
      <div className="quarter-picker" data-testid="quarter-picker">
        <StepButton
          direction="previous"
          label="Previous quarter"
          disabled={!quarter}
          onStep={() => {
            const next = shift(-1);
            if (next) onChange(next);
          }}
          onIntent={intent(-1)}
        />
        <LabelledSelect
          label="Period"
          labelClassName="visually-hidden"
          className="quarter-select"
          value={selected ?? ''}
          disabled={!known}
          onChange={(e) => {
            const next = e.target.value;
            if (next === rangeValue) setEditing(true);
            else if (next === '') onChange({});
            else onChange({ quarter: next });
          }}
        >
          {!known && <option value="">Loading…</option>}
          {known && defaultOption && <option value="">{defaultOption}</option>}
          {byYear(options).map(([year, quarters]) => (
            <optgroup key={year} label={year}>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {quarterName(q)}
                  {q === current ? ' (current)' : ''}
                </option>
              ))}
            </optgroup>
          ))}
          {allowRange && <option value={rangeValue}>Custom range…</option>}
        </LabelledSelect>
        <StepButton
          direction="next"
          label="Next quarter"
          disabled={atNewest}
          onStep={() => {
            const next = shift(1);
            if (next) onChange(next);
          }}
          onIntent={intent(1)}
        />
      </div>
      {editing && (
        <RangeForm
          value={value.from && value.to ? { from: value.from, to: value.to } : resolved}
          onApply={(from, to) => onChange({ from, to })}
          onCancel={inRange ? undefined : () => setEditing(false)}
        />
      )}
    </div>
  );
}

/** Quarters grouped by fiscal year, newest first, as the menu shows them. */
function byYear(quarters: string[]): [string, string[]][] {
  const years = new Map<string, string[]>();
  for (const q of quarters) years.set(q.slice(0, 4), [...(years.get(q.slice(0, 4)) ?? []), q]);
  return [...years];
}

/** Two days, both included on screen; the URL and the API take the day after the last (exclusive). */
function RangeForm({
  value,
  onApply,
  onCancel,
}: {
  value: { from: string; to: string } | null;
  onApply: (from: string, to: string) => void;
  onCancel?: () => void;
}) {
  const [from, setFrom] = useState(value?.from ?? '');
  const [last, setLast] = useState(value ? shiftDay(value.to, -1) : '');
  const valid = from !== '' && last !== '' && from <= last;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (valid) onApply(from, shiftDay(last, 1));
  };
  return (
    <form className="range-form" onSubmit={submit} aria-label="Custom range">
      <DayInput label="First day" value={from} max={last} onChange={setFrom} />
      <span aria-hidden="true">–</span>
      <DayInput label="Last day (included)" value={last} min={from} onChange={setLast} />
      <button type="submit" className="button button-secondary button-small" disabled={!valid}>
        Apply
      </button>
      {onCancel && (
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          Cancel
        </button>
      )}
      {value && valid && (
        <span className="visually-hidden" aria-live="polite">
          {formatPeriodRange(from, shiftDay(last, 1))}
        </span>
      )}
    </form>
  );
}

function DayInput({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string;
  /** The other end of the range: empty until it is picked. */
  min?: string;
  max?: string;
  onChange: (value: string) => void;
}) {
  return (
    <LabelledInput
      label={label}
      labelClassName="visually-hidden"
      type="date"
      value={value}
      min={min || undefined}
      max={max || undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function shiftDay(isoDate: string, by: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
