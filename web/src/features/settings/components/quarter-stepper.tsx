import { useId } from 'react';
import { StepButton } from '../../../components/step-button';
import { quarterName, shiftQuarterLabel } from '../../../lib/quarters';

/** The quarter whose targets are shown: a step back or ahead, or any of the quarters around this one. */
export function QuarterStepper({
  quarter,
  current,
  onChange,
}: {
  quarter: string;
  current: string;
  onChange: (quarter: string) => void;
}) {
  const id = useId();
  // Four quarters back and four ahead: targets are set for what is coming as much as for now.
  const options = Array.from({ length: 9 }, (_, i) => shiftQuarterLabel(current, 4 - i));
  if (!options.includes(quarter)) options.push(quarter);
  return (
    <div className="quarter-picker" data-testid="targets-quarter">
      <StepButton
        direction="previous"
        label="Previous quarter"
        onStep={() => onChange(shiftQuarterLabel(quarter, -1))}
      />
      <label htmlFor={id} className="visually-hidden">
        Quarter
      </label>
      <select id={id} className="quarter-select" value={quarter} onChange={(e) => onChange(e.target.value)}>
        {options.map((q) => (
          <option key={q} value={q}>
            {quarterName(q)}
            {q === current ? ' (current)' : ''}
          </option>
        ))}
      </select>
      <StepButton
        direction="next"
        label="Next quarter"
        onStep={() => onChange(shiftQuarterLabel(quarter, 1))}
      />
    </div>
  );
}
