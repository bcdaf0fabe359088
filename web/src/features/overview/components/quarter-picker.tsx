import { useId } from 'react';
import { compareQuarterLabels, quarterName, recentQuarters, shiftQuarterLabel } from '../../../lib/quarters';

interface QuarterPickerProps {
  /** The quarter shown, as the server resolved it (e.g. `2026-Q4`); null while unknown. */
  value: string | null;
  /** Today's quarter: the newest that can be picked. */
  current: string | null;
  onChange: (quarter: string) => void;
  /** A quarter the user is about to pick (pointer over or focus on prev/next): load it ahead. */
  onIntent?: (quarter: string) => void;
}

const listed = 8;

export function QuarterPicker({ value, current, onChange, onIntent }: QuarterPickerProps) {
  const selectId = useId();
  const newest = current ?? value;
  const options = newest ? recentQuarters(newest, listed) : [];
  if (value && !options.includes(value)) options.push(value);
  const atNewest = !value || !newest || compareQuarterLabels(value, newest) >= 0;
  const intent = (by: number) => () => value && onIntent?.(shiftQuarterLabel(value, by));

  return (
    <div className="quarter-picker" data-testid="quarter-picker">
      <button
        type="button"
        className="icon-button"
        disabled={!value}
        onClick={() => value && onChange(shiftQuarterLabel(value, -1))}
        onPointerEnter={intent(-1)}
        onFocus={intent(-1)}
        title="Previous quarter"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M10 3.5 5.5 8l4.5 4.5" />
        </svg>
        <span className="visually-hidden">Previous quarter</span>
      </button>
      <label htmlFor={selectId} className="visually-hidden">
        Fiscal quarter
      </label>
      <select
        id={selectId}
        className="quarter-select"
        value={value ?? ''}
        disabled={!value}
        onChange={(e) => onChange(e.target.value)}
      >
        {!value && <option value="">Loading…</option>}
        {options.map((q) => (
          <option key={q} value={q}>
            {quarterName(q)}
            {q === current ? ' (current)' : ''}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        disabled={atNewest}
        onClick={() => value && onChange(shiftQuarterLabel(value, 1))}
        onPointerEnter={intent(1)}
        onFocus={intent(1)}
        title="Next quarter"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M6 3.5 10.5 8 6 12.5" />
        </svg>
        <span className="visually-hidden">Next quarter</span>
      </button>
    </div>
  );
}
