import { useId } from 'react';
import { definitions } from '../../../lib/definitions';

interface AsOfPickerProps {
  /** The as-of day in the URL; undefined means today. */
  value: string | undefined;
  /** The day the figures on screen are as of (the server's answer). */
  shown: string | null;
  quarter: { from: string; to: string } | null;
  /** Today in the company's time zone. */
  today: string;
  onChange: (asOf: string | undefined) => void;
}

export function shiftDay(isoDate: string, by: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

/**
 * "What did we know on week 3": the day the figures are read as of, a week back or forward,
 * or back to today. Kept in the URL (`asOf`), so the view can be shared.
 */
export function AsOfPicker({ value, shown, quarter, today, onChange }: AsOfPickerProps) {
  const id = useId();
  const last = quarter ? shiftDay(quarter.to, -1) : today;
  const max = last < today ? last : today;
  const min = quarter?.from;
  const current = shown ? (shown > max ? max : shown) : '';
  const set = (day: string) => {
    if (!day) return;
    const clamped = min && day < min ? min : day > max ? max : day;
    // Today (or the quarter's last day, once it is over) is the default: no parameter.
    onChange(clamped >= max && max === today ? undefined : clamped);
  };
  const canBack = Boolean(current && min && current > min);
  const canForward = Boolean(current && current < max);
  return (
    <div className="asof-picker" title={definitions.asOf}>
      <label htmlFor={id} className="asof-label">
        As of
      </label>
      <WeekButton
        label="A week earlier"
        path="M10 3.5 5.5 8l4.5 4.5"
        disabled={!canBack}
        onClick={() => set(shiftDay(current, -7))}
      />
      <input
        id={id}
        type="date"
        className="asof-input"
        value={current}
        min={min}
        max={max}
        onChange={(e) => set(e.target.value)}
        data-testid="as-of"
      />
      <WeekButton
        label="A week later"
        path="M6 3.5 10.5 8 6 12.5"
        disabled={!canForward}
        onClick={() => set(shiftDay(current, 7))}
      />
      {value && (
        <button
          type="button"
          className="button button-ghost button-small asof-today"
          onClick={() => onChange(undefined)}
        >
          Today
        </button>
      )}
    </div>
  );
}

/** A step of a week back or forward: an arrow, named for screen readers and on hover. */
function WeekButton({
  label,
  path,
  disabled,
  onClick,
}: {
  label: string;
  /** The arrow's drawing. */
  path: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className="icon-button" disabled={disabled} onClick={onClick} title={label}>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d={path} />
      </svg>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
