import { definitions } from '../../../lib/definitions';
import { formatDecimal, formatInteger, formatRate } from '../../../lib/format';
import { stageLongNames, stageNames } from '../../../lib/stages';
import type { SharedPack } from '../api/get-shared-pack';

type Funnel = SharedPack['funnel'];

const exitBase: Record<string, string> = { lead: 'leads', opportunity: 'opportunities' };

/** The quarter's cohort through the funnel: a bar per stage, how many went on, how long they took. */
export function SharedFunnel({ funnel }: { funnel: Funnel }) {
  const max = Math.max(1, ...funnel.stages.map((s) => s.count));
  const a = funnel.anomalies;
  return (
    <>
      <div className="table-scroll shared-table">
        <table className="data-table funnel-table" data-testid="shared-funnel-table">
          <caption className="visually-hidden">Funnel stages, cohort view: counts and conversion</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="funnel-bar-col" title={definitions.cohortView}>
                Leads reaching the stage
              </th>
              <th scope="col" className="num" title={definitions.stepConversion}>
                Step conversion
              </th>
              <th scope="col" className="num" title={definitions.cumulativeConversion}>
                Cumulative
              </th>
              <th scope="col" className="num" title={definitions.dropOff}>
                Drop-off
              </th>
              <th scope="col" className="num" title={definitions.medianDaysInStage}>
                Median days in stage
              </th>
            </tr>
          </thead>
          <tbody>
            {funnel.stages.map((step, i) => (
              <tr key={step.stage} data-testid={`shared-funnel-${step.stage}`}>
                <th scope="row" className="stage-cell" title={stageLongNames[step.stage]}>
                  <span className="stage-step" aria-hidden="true">
                    {i + 1}
                  </span>
                  {stageNames[step.stage]}
                </th>
                <td className="funnel-bar-cell">
                  <Bar share={step.count / max} count={step.count} />
                </td>
                <td className="num">{i === 0 ? '—' : formatRate(step.stepConversion)}</td>
                <td className="num">{formatRate(step.cumulativeConversion)}</td>
                <td className="num">
                  {step.dropOff === null ? (
                    '—'
                  ) : (
                    <>
                      {formatInteger(step.dropOff)}
                      <span className="cell-sub">{formatRate(step.dropOffRate)}</span>
                    </>
                  )}
                </td>
                <td className="num">{formatDecimal(step.medianDaysInStage)}</td>
              </tr>
            ))}
          </tbody>
          <tbody className="funnel-exits">
            <tr className="exit-heading">
              <th scope="rowgroup" colSpan={6}>
                Exits
              </th>
            </tr>
            {funnel.exits.map((exit) => (
              <tr key={exit.stage}>
                <th scope="row" className="stage-cell">
                  <span className="stage-step is-exit" aria-hidden="true">
                    ↳
                  </span>
                  {stageNames[exit.stage]}
                </th>
                <td className="funnel-bar-cell">
                  <Bar share={exit.count / max} count={exit.count} exit />
                </td>
                <td className="num" colSpan={4}>
                  {formatRate(exit.conversion)} of {exitBase[exit.from] ?? stageNames[exit.from]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="shared-block">
        <p className="shared-note">
          Data quality: of {formatInteger(a.leadsInScope)} leads, {formatInteger(a.skippedAny)} skipped a
          stage and {formatInteger(a.outOfOrder)} have stage times out of order; they are counted as recorded,
          never given invented times.
        </p>
      </div>
    </>
  );
}

function Bar({ share, count, exit = false }: { share: number; count: number; exit?: boolean }) {
  return (
    <div className="funnel-bar">
      <div className="funnel-bar-track" aria-hidden="true">
        <div
          className={exit ? 'funnel-bar-fill is-exit' : 'funnel-bar-fill'}
          style={{ width: `${Math.max(share * 100, count > 0 ? 0.6 : 0)}%` }}
        />
      </div>
      <span className="funnel-count">{formatInteger(count)}</span>
    </div>
  );
}
