import { useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { StepButton } from '../../../components/step-button';
import '../spend.css';
import { SpendGrid } from './spend-grid';
import { SpendUpload } from './spend-upload';

/**
 * Marketing spend per source and month: typed in a year's grid or imported from the ad platforms'
 * exports. Cost per lead, per SRL, per opportunity and per won deal are read from it.
 */
export function SpendTab() {
  const thisYear = new Date().getUTCFullYear();
  const [year, setYear] = useState(thisYear);
  const [dirty, setDirty] = useState(false);
  const pick = (next: number) => {
    if (dirty && !window.confirm(`Leave ${year} without saving its spend?`)) return;
    setDirty(false);
    setYear(next);
  };
  return (
    <div className="spend-tab" data-testid="settings-spend">
      <section className="card table-card" aria-labelledby="spend-title">
        <CardHeader
          id="spend-title"
          title={`Marketing spend in ${year}`}
          subtitle="What each source cost, month by month. The cost per lead, per SRL, per opportunity and per won deal on every page come from here."
        >
          <div className="quarter-picker">
            <StepButton direction="previous" label="Previous year" onStep={() => pick(year - 1)} />
            <span className="spend-year">{year}</span>
            <StepButton
              direction="next"
              label="Next year"
              onStep={() => pick(year + 1)}
              disabled={year >= thisYear + 1}
            />
          </div>
        </CardHeader>
        <SpendGrid key={year} year={year} onDirty={setDirty} />
      </section>
      <SpendUpload />
    </div>
  );
}
