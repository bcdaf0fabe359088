import type { PacingInputs } from './pacing-inputs';
import type { NextQuarterPipeline } from './pacing-model';
import type { SourceProjections } from './projection';

/**
 * Next quarter's starting pipeline against the coverage the win rate requires (1 ÷ win rate, not a flat
 * 3×). Targets apply only company-wide.
 */
export function nextQuarterPipeline(
  inputs: PacingInputs,
  startingPipeline: SourceProjections['startingPipeline'],
): NextQuarterPipeline {
  const revenueTarget =
    inputs.targetsApply && !inputs.sourceFiltered ? (inputs.nextRevenueTarget ?? null) : null;
  const coverageNeeded = inputs.winRate ? 1 / inputs.winRate : null;
  const requiredPipeline =
    revenueTarget !== null && coverageNeeded !== null ? revenueTarget * coverageNeeded : null;
  return {
    quarter: inputs.w.next.label,
    openPipelineNow: startingPipeline.open,
    startingPipeline: startingPipeline.still,
    revenueTarget,
    winRate: inputs.winRate,
    coverageNeeded,
    requiredPipeline,
    coverage: revenueTarget ? startingPipeline.still / revenueTarget : null,
    shortfall: requiredPipeline === null ? null : requiredPipeline - startingPipeline.still,
  };
}
