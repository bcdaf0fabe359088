import { Suspense, useState } from 'react';
import { ErrorState } from '../../../components/error-state';
import { QueryCard } from '../../../components/query-card';
import { formatLongDate, formatMoney, formatMoneyCompact } from '../../../lib/format';
import { lazyWithPreload } from '../../../lib/lazy';
import { leadHref } from '../../../lib/links';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import {
  useWaterfall,
  useWaterfallDeals,
  type WaterfallFilter,
  type WaterfallMovement,
} from '../api/get-waterfall';
import '../waterfall.css';
import { waterfallMovements } from './waterfall-steps';

const waterfallChart = lazyWithPreload(() => import('./waterfall-chart').then((m) => m.WaterfallChart));
const chartHeight = 300;

const basisNote = {
  snapshot: null,
  rebuilt: 'rebuilt from stage dates',
  'stage-timestamps': 'read from stage dates',
} as const;

/**
 * What changed in the quarter's pipeline between two dates: starting → new, pulled in, pushed out,
 * increased, decreased, won, lost → ending. Each bar, and each row under the chart, lists its deals.
 */
export function WaterfallCard({
  quarter,
  source,
  owner,
}: {
  quarter: string;
  source?: string;
  owner?: string;
}) {
  const [dates, setDates] = useState<{ quarter: string; from?: string; to?: string }>({ quarter });
  const current = dates.quarter === quarter ? dates : { quarter };
  const filter: WaterfallFilter = {
    quarter,
    ...(current.from && { from: current.from }),
    ...(current.to && { to: current.to }),
    ...(source && { source }),
    ...(owner && { owner }),
  };
  const waterfall = useWaterfall(filter);
  const [picked, setPicked] = useState<WaterfallMovement | null>(null);
  const data = waterfall.data;
  const setDate = (key: 'from' | 'to', value: string) => {
    setDates({ ...current, [key]: value || undefined });
    setPicked(null);
  };
  const notes = data
    ? [
        basisNote[data.basis.from] && `the start is ${basisNote[data.basis.from]}`,
        basisNote[data.basis.to] && `the end is ${basisNote[data.basis.to]}`,
      ].filter(Boolean)
    : [];
  return (
    <QueryCard
      id="waterfall-heading"
      className="waterfall-card"
      testId="waterfall-card"
      title="What changed in the pipeline"
      subtitle={
        data
          ? `Open deals expected to close in ${quarterName(quarter)} (or not dated), from the end of ${formatLongDate(data.from)} to the end of ${formatLongDate(data.to)}`
          : `Open deals expected to close in ${quarterName(quarter)}`
      }
      actions={
        <div className="waterfall-dates">
          <DateField label="From" value={current.from ?? data?.from} onChange={(v) => setDate('from', v)} />
          <DateField label="To" value={current.to ?? data?.to} onChange={(v) => setDate('to', v)} />
        </div>
      }
      query={waterfall}
      errorTitle="The pipeline changes could not be loaded"
      loading={<div className="waterfall-body">{chartSkeleton}</div>}
    >
      {(answer) => (
        <div className="waterfall-body">
          <Suspense fallback={chartSkeleton}>
            <waterfallChart.Component totals={answer.overall} height={chartHeight} onPick={setPicked} />
          </Suspense>
          <ul className="waterfall-moves" aria-label="Movements: choose one to list its deals">
            {waterfallMovements.map((m) => (
              <li key={m.movement}>
                <button
                  type="button"
                  className={picked === m.movement ? 'waterfall-move is-picked' : 'waterfall-move'}
                  aria-pressed={picked === m.movement}
                  onClick={() => setPicked(picked === m.movement ? null : m.movement)}
                  data-testid={`waterfall-move-${m.movement}`}
                >
                  <span>{m.short}</span>
                  <span className={m.sign > 0 ? 'tone-good' : 'tone-bad'}>
                    {m.sign > 0 ? '+' : '−'}
                    {formatMoneyCompact(answer.overall[m.movement])}
                  </span>
                  <span className="waterfall-count">{answer.overall.deals[m.movement]} deals</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="card-note">
            {formatMoneyCompact(answer.overall.starting)} at the start,{' '}
            {formatMoneyCompact(answer.overall.ending)} at the end.
            {notes.length > 0 &&
              ` Amounts and close dates before the first weekly snapshot are today's: ${notes.join(', ')}.`}
          </p>
          {picked && <DealList filter={filter} movement={picked} />}
        </div>
      )}
    </QueryCard>
  );
}

const chartSkeleton = <div className="chart-skeleton" style={{ height: chartHeight }} aria-hidden="true" />;

/** One end of the compared span: a day, or the default the answer names when empty. */
function DateField({
  label,
  value,
  onChange,
}: {
  label: 'From' | 'To';
  value: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        type="date"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`waterfall-${label.toLowerCase()}`}
      />
    </label>
  );
}

function DealList({ filter, movement }: { filter: WaterfallFilter; movement: WaterfallMovement }) {
  const deals = useWaterfallDeals(filter, movement);
  const name = waterfallMovements.find((m) => m.movement === movement)?.short ?? movement;
  if (deals.isError) return <ErrorState error={deals.error} level={3} />;
  if (!deals.data) return <div className="chart-skeleton" style={{ height: 120 }} aria-hidden="true" />;
  return (
    <div className="table-scroll" data-testid="waterfall-deals">
      <table className="data-table">
        <caption className="waterfall-caption">
          {name}: {deals.data.total} deal{deals.data.total === 1 ? '' : 's'}
          {deals.data.total > deals.data.rows.length && `, the ${deals.data.rows.length} largest shown`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Deal</th>
            <th scope="col">Owner</th>
            <th scope="col" className="num">
              At the start
            </th>
            <th scope="col" className="num">
              At the end
            </th>
            <th scope="col" className="num">
              {name}
            </th>
          </tr>
        </thead>
        <tbody>
          {deals.data.rows.map((r) => (
            <tr key={r.leadId}>
              <th scope="row">
                <Link to={leadHref(r.leadId)}>{r.company ?? `Lead ${r.leadId}`}</Link>
              </th>
              <td>{r.owner ?? '—'}</td>
              <td className="num">{r.startingAmount === null ? '—' : formatMoney(r.startingAmount)}</td>
              <td className="num">{r.endingAmount === null ? '—' : formatMoney(r.endingAmount)}</td>
              <td className="num">{formatMoney(r.moved)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
