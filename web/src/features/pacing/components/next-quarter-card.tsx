import { figureEntry } from '@salesready/api/figures/catalogue';
import { CardHeader } from '../../../components/card-header';
import { definitions } from '../../../lib/definitions';
import { formatDecimal, formatMoney, formatMoneyCompact, formatPercent } from '../../../lib/format';
import type { NextQuarter } from '../../../lib/pacing-query';
import { quarterName } from '../../../lib/quarters';
import { CoverageTrend } from './coverage-trend';

const label = (id: Parameters<typeof figureEntry>[0]) => figureEntry(id).label;

/** Next quarter's starting pipeline against the coverage its revenue target needs (1 ÷ win rate). */
export function NextQuarterCard({ next }: { next: NextQuarter }) {
  const required = next.requiredPipeline;
  const short = next.shortfall !== null && next.shortfall > 0;
  const max = Math.max(required ?? 0, next.startingPipeline, next.openPipelineNow, 1) * 1.06;
  const at = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  return (
    <section className="card next-card" aria-labelledby="next-heading" data-testid="next-quarter">
      <CardHeader
        id="next-heading"
        title={`${quarterName(next.quarter)}: starting pipeline`}
        subtitle="Company-wide, whatever the metric above"
      />
      <div className="next-body">
        <p
          className={
            short ? 'next-headline tone-bad' : required !== null ? 'next-headline tone-good' : 'next-headline'
          }
        >
          {required === null
            ? `Projected to start with ${formatMoneyCompact(next.startingPipeline)} in pipeline`
            : short
              ? `${formatMoneyCompact(next.shortfall)} short of the pipeline it needs`
              : `Covered: ${formatMoneyCompact(-(next.shortfall ?? 0))} above the pipeline it needs`}
        </p>
        {required !== null && (
          <div
            className="next-bars"
            role="img"
            aria-label={`Starting pipeline ${formatMoneyCompact(next.startingPipeline)} against ${formatMoneyCompact(required)} needed`}
          >
            <div className="next-bar">
              <span className="next-bar-label" title={definitions.startingPipeline}>
                Starting
              </span>
              <span className="next-bar-track">
                <span className="next-bar-fill" style={{ width: at(next.startingPipeline) }} />
                <span className="next-bar-need" style={{ left: at(required) }} />
              </span>
              <span className="next-bar-value">{formatMoneyCompact(next.startingPipeline)}</span>
            </div>
            <div className="next-bar">
              <span className="next-bar-label" title={definitions.requiredPipeline}>
                Needed
              </span>
              <span className="next-bar-track">
                <span className="next-bar-fill is-needed" style={{ width: at(required) }} />
              </span>
              <span className="next-bar-value">{formatMoneyCompact(required)}</span>
            </div>
          </div>
        )}
        <dl className="next-facts">
          <div title={definitions.openPipelineNow}>
            <dt>{label('nextQuarter.openPipeline')}</dt>
            <dd title={formatMoney(next.openPipelineNow)}>{formatMoneyCompact(next.openPipelineNow)}</dd>
          </div>
          <div title={definitions.startingPipeline}>
            <dt>{label('nextQuarter.startingPipeline')}</dt>
            <dd title={formatMoney(next.startingPipeline)}>{formatMoneyCompact(next.startingPipeline)}</dd>
          </div>
          <div title={definitions.target}>
            <dt>Revenue target</dt>
            <dd>{formatMoneyCompact(next.revenueTarget)}</dd>
          </div>
          <div title={definitions.nextQuarterWinRate}>
            <dt>{label('nextQuarter.winRate')}</dt>
            <dd>{formatPercent(next.winRate)}</dd>
          </div>
          <div title={definitions.slippage}>
            <dt>{label('nextQuarter.slippage')}</dt>
            <dd>{formatPercent(next.slippage ?? null)}</dd>
          </div>
          <div title={definitions.coverage}>
            <dt>{label('nextQuarter.coverage')}</dt>
            <dd>{next.coverage === null ? '—' : `${formatDecimal(next.coverage)}×`}</dd>
          </div>
          <div title={definitions.coverageNeeded}>
            <dt>{label('nextQuarter.coverageNeeded')}</dt>
            <dd>{next.coverageNeeded === null ? '—' : `${formatDecimal(next.coverageNeeded)}×`}</dd>
          </div>
        </dl>
        <CoverageTrend next={next} />
        {next.revenueTarget === null && (
          <p className="card-note">
            No company-wide revenue target for {quarterName(next.quarter)} (or filters in view): the coverage
            it needs is unknown.
          </p>
        )}
      </div>
    </section>
  );
}
