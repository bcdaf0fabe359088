/**
 * Shares of the gap rounded for display so that the shown figures add up to exactly 100%
 * (largest remainder): 1/3, 1/3, 1/3 read 33%, 33%, 34%, not 33% three times. `decimals` are
 * the percent's decimals. The shares come from the API (a short source's gap ÷ the short sources'
 * total, adding up to 1); this only rounds them.
 */
export function sharesAddingUp(shares: number[], decimals = 0): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  if (shares.length === 0 || !(total > 0)) return shares;
  const units = 100 * 10 ** decimals;
  const exact = shares.map((s) => (s / total) * units);
  const floors = exact.map(Math.floor);
  let left = units - floors.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((f) => f / units);
}

/** What the gap is once the quarter is over (the answer's `closed`): nothing is projected any more. */
export const closedGapDefinition =
  'Gap = target − actual: the quarter is over, so nothing is projected. Positive means it ended short of target, negative ahead of it.';
