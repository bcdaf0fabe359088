import type { ReactNode } from 'react';

interface SelectFieldProps<V extends string> {
  id: string;
  label: ReactNode;
  value: V;
  onValue: (value: V) => void;
  options: readonly { value: V; label: string }[];
  /** What the chosen option means, under the select. */
  hint?: ReactNode;
  /** The field's own class beside `field`, and the select's beside `select`. */
  className?: string;
  selectClassName?: string;
  testId?: string;
}

/** A labelled choice among a few options, in a form's column of fields. */
export function SelectField<V extends string>({
  id,
  label,
  value,
  onValue,
  options,
  hint,
  className,
  selectClassName,
  testId,
}: SelectFieldProps<V>) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={selectClassName ? `select ${selectClassName}` : 'select'}
        value={value}
        onChange={(e) => onValue(e.target.value as V)}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint !== undefined && <p className="field-hint">{hint}</p>}
    </div>
  );
}
