import { useId } from 'react';

interface SegmentedProps<T extends string> {
  /** What the choice is about, read out for the group (and shown when `showLegend`). */
  legend: string;
  showLegend?: boolean;
  options: readonly { value: T; label: string; title?: string }[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
  describedBy?: string;
  size?: 'normal' | 'small';
}

/** A small set of exclusive choices: native radios (arrow keys move between them), drawn as a segmented control. */
export function Segmented<T extends string>({
  legend,
  showLegend = false,
  options,
  value,
  onChange,
  testId,
  describedBy,
  size = 'normal',
}: SegmentedProps<T>) {
  const name = useId();
  return (
    <fieldset className="segmented-field" data-testid={testId} aria-describedby={describedBy}>
      <legend className={showLegend ? 'segmented-legend' : 'visually-hidden'}>{legend}</legend>
      <div className={size === 'small' ? 'segmented is-small' : 'segmented'}>
        {options.map((option) => (
          <label key={option.value} className="segmented-option" title={option.title}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
