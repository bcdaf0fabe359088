/** One source's part of a metric's projection, with its own target when it has one. */
export interface GapInput<K> {
  key: K;
  ownTarget: number | null;
  projection: number;
  /** The source's share of the metric over the history quarters (any scale: only ratios matter). */
  historicalShare: number;
}

export type TargetBasis = 'own' | 'historical-share' | 'none';

export interface GapPart<K> {
  key: K;
  /** The part of the overall target this source is measured against. */
  allocatedTarget: number;
  basis: TargetBasis;
  projection: number;
  gap: number;
}

export interface GapDecomposition<K> {
  parts: GapPart<K>[];
  /** Overall target left to no source (own targets exceeding it, or nobody to hand it to). */
  unallocated: number;
  /** Overall target − sum of the projections; equals the parts' gaps plus `unallocated`. */
  gap: number;
}

/**
 * Splits the gap (target − projection) by source so the parts add up exactly: a source with its own target is
 * measured against it, the rest of the overall target (if positive) is shared among the others by historical
 * share, and whatever is left stays `unallocated`. Σ gaps + unallocated = target − Σ projections.
 */
export function decomposeGap<K>(overallTarget: number, inputs: GapInput<K>[]): GapDecomposition<K> {
  const own = inputs.reduce((sum, i) => sum + (i.ownTarget ?? 0), 0);
  const rest = overallTarget - own;
  const shareless = inputs.filter((i) => i.ownTarget === null);
  const weight = shareless.reduce((sum, i) => sum + Math.max(0, i.historicalShare), 0);
  const share = rest > 0 && weight > 0;
  const parts = inputs.map((i): GapPart<K> => {
    const allocatedTarget = i.ownTarget ?? (share ? (rest * Math.max(0, i.historicalShare)) / weight : 0);
    const basis: TargetBasis = i.ownTarget !== null ? 'own' : share ? 'historical-share' : 'none';
    return {
      key: i.key,
      allocatedTarget,
      basis,
      projection: i.projection,
      gap: allocatedTarget - i.projection,
    };
  });
  const projection = inputs.reduce((sum, i) => sum + i.projection, 0);
  return { parts, unallocated: share ? 0 : rest, gap: overallTarget - projection };
}

/** A row of the gap explained: a source's part, or the target left to no source. */
export interface ShareInput {
  sourceId: number | null;
  source: string;
  basis: TargetBasis | 'unallocated';
  gap: number;
}

export interface GapShares<R> {
  /** The rows, each short one with its share of the shortfall, the others with null. */
  rows: (R & { shareOfGap: number | null })[];
  /** Σ gaps of the short rows. */
  shortfall: number;
  /** Σ surpluses (−gap) of the rows ahead. */
  offset: number;
  /** The rows ahead, largest surplus first. */
  coveredBy: {
    sourceId: number | null;
    source: string;
    basis: TargetBasis | 'unallocated';
    surplus: number;
  }[];
}

/**
 * Shares of the gap that add up to 100%: each short row's gap ÷ the sum of the short rows' gaps
 * (the shortfall), so every share lies in [0, 1]. Rows ahead of their part do not take a negative
 * share: their surpluses are the offset, and shortfall − offset = Σ gaps = the overall gap.
 */
export function shareTheGap<R extends ShareInput>(rows: R[]): GapShares<R> {
  const shortfall = rows.reduce((sum, r) => sum + Math.max(r.gap, 0), 0);
  const offset = rows.reduce((sum, r) => sum + Math.max(-r.gap, 0), 0);
  return {
    rows: rows.map((r) => ({ ...r, shareOfGap: r.gap > 0 && shortfall > 0 ? r.gap / shortfall : null })),
    shortfall,
    offset,
    coveredBy: rows
      .filter((r) => r.gap < 0)
      .map((r) => ({ sourceId: r.sourceId, source: r.source, basis: r.basis, surplus: -r.gap }))
      .sort((a, b) => b.surplus - a.surplus),
  };
}
