import { formatPeriodRange } from '../../lib/format';

/** The scope every waiting count and list answers with (api/src/figures/waiting-scope.ts). */
export interface WaitingScope {
  from: string;
  to: string;
  basis: 'period' | 'last-365-days';
}

/** The days the waiting leads became sales-ready in, in words: "Oct 1 – Dec 31, 2026" or "the last 365 days (…)". */
export function scopeWords(scope: WaitingScope, periodName?: string): string {
  const range = formatPeriodRange(scope.from, scope.to);
  if (scope.basis === 'last-365-days') return `the last 365 days (${range})`;
  return periodName ? `${periodName} (${range})` : range;
}
