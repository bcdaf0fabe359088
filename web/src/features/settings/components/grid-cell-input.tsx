const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * One editable amount in a grid of them (targets, spend): marked while changed or not a number. A
 * saved amount reads with separators; what is being typed is left as typed.
 */
export function GridCellInput({
  text,
  saved,
  editing,
  invalid,
  unit,
  label,
  onChange,
  testId,
}: {
  text: string;
  /** The saved amount as text, to tell whether the typed one differs. */
  saved: string;
  editing: boolean;
  invalid: boolean;
  /** The currency before an amount of money. */
  unit?: string;
  label: string;
  onChange: (text: string) => void;
  testId: string;
}) {
  const changed = editing && text !== saved;
  const className = ['target-input', invalid ? 'is-invalid' : '', changed ? 'is-changed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={className}>
      {unit && (
        <span className="target-unit" aria-hidden="true">
          {unit}
        </span>
      )}
      <input
        inputMode="decimal"
        value={text === '' || invalid || editing ? text : plain.format(Number(text))}
        placeholder="—"
        aria-label={label}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </span>
  );
}
