import type { SourceChange } from './source-changes';

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

/** A signed percentage with a typographic minus, the width of the plus: +18%, −32%. */
function signedPercent(v: number): string {
  const text = percent.format(Math.abs(v));
  return `${v < 0 ? '\u2212' : '+'}${text}`;
}

/**
 * A change in words, as an executive reads it: "Paid search SRLs −32% vs last quarter (41 vs 60)",
 * "Events pipeline +18% vs last quarter ($1.2M vs $1M)". `against` names the comparison period.
 */
export function describeChange(change: SourceChange, against: string): string {
  const what = change.metric === 'salesReady' ? 'SRLs' : 'pipeline';
  const amount = change.metric === 'salesReady' ? integer : usd;
  return `${change.source} ${what} ${signedPercent(change.relativeChange)} ${against} (${amount.format(change.current)} vs ${amount.format(change.previous)})`;
}
