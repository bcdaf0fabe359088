/** One editable amount in a grid of them (targets, spend): marked while changed or not a number. */
export function GridCellInput({
  value,
  invalid,
  changed,
  unit,
  label,
  onChange,
  testId,
}: {
  value: string;
  invalid: boolean;
  changed: boolean;
  /** The currency before an amount of money. */
  unit?: string;
  label: string;
  onChange: (text: string) => void;
  testId: string;
}) {
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
        value={value}
        placeholder="—"
        aria-label={label}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </span>
  );
}
