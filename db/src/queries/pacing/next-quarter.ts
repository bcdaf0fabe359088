import type { PacingInputs } from './pacing-inputs';
import type { NextQuarterPipeline } from './pacing-model';
import type { SourceProjections } from './projection';

/**
 * Next quarter's starting pipeline against the coverage the win rate and the slippage require
 * (1 ÷ (win rate × (1 − slippage)), not a flat 3×): of the pipeline a quarter starts with, the slipped
 * share closes later, and of the rest the win rate's share is won. Targets apply only company-wide.
 */
export function nextQuarterPipeline(
  inputs: PacingInputs,
  startingPipeline: SourceProjections['startingPipeline'],
): NextQuarterPipeline {
  const revenueTarget =
    inputs.targetsApply && !inputs.sourceFiltered ? (inputs.nextRevenueTarget ?? null) : null;
  const closing = 1 - (inputs.slippage ?? 0);
  const coverageNeeded = inputs.winRate && closing > 0 ? 1 / (inputs.winRate * closing) : null;
  const requiredPipeline =
    revenueTarget !== null && coverageNeeded !== null ? revenueTarget * coverageNeeded : null;
  return {
    quarter: inputs.w.next.label,
    openPipelineNow: startingPipeline.open,
    startingPipeline: startingPipeline.still,
    revenueTarget,
    winRate: inputs.winRate,
    slippage: inputs.slippage,
    coverageNeeded,
    requiredPipeline,
    coverage: revenueTarget ? startingPipeline.still / revenueTarget : null,
    shortfall: requiredPipeline === null ? null : requiredPipeline - startingPipeline.still,
  };
}
