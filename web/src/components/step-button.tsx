/** The arrow that steps a picker to the previous or the next period (quarter, year), named for readers. */
export function StepButton({
  direction,
  label,
  onStep,
  disabled,
  onIntent,
}: {
  direction: 'previous' | 'next';
  /** What it steps to: “Previous quarter”. */
  label: string;
  onStep: () => void;
  disabled?: boolean;
  /** The pointer or the focus is on it: the step is likely, its data can be fetched ahead. */
  onIntent?: () => void;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      disabled={disabled}
      onClick={onStep}
      onPointerEnter={onIntent}
      onFocus={onIntent}
      title={label}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d={direction === 'previous' ? 'M10 3.5 5.5 8l4.5 4.5' : 'M6 3.5 10.5 8 6 12.5'} />
      </svg>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
