import { useState } from 'react';
import { CardHeader } from '../../../components/card-header';
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
            <button
              type="button"
              className="icon-button"
              onClick={() => pick(year - 1)}
              title="Previous year"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M10 3.5 5.5 8l4.5 4.5" />
              </svg>
              <span className="visually-hidden">Previous year</span>
            </button>
            <span className="spend-year">{year}</span>
            <button
              type="button"
              className="icon-button"
              onClick={() => pick(year + 1)}
              title="Next year"
              disabled={year >= thisYear + 1}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M6 3.5 10.5 8 6 12.5" />
              </svg>
              <span className="visually-hidden">Next year</span>
            </button>
          </div>
        </CardHeader>
        <SpendGrid key={year} year={year} onDirty={setDirty} />
      </section>
      <SpendUpload />
    </div>
  );
}
