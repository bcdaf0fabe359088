import { addDays, todayIn } from '@salesready/db/periods';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { filterFor } from './period-query';

/** Without a period, the waiting figures cover leads that became sales-ready in the last 365 days. */
export function defaultWaitingScope(timezone: string, now: Date): MetricFilter {
  const today = todayIn(timezone, now);
  return { from: addDays(today, -365), to: addDays(today, 1), timezone };
}

/** Which leads the neglected and stalled figures count: the days [from, to) they became sales-ready in. */
export interface WaitingScope {
  from: string;
  to: string;
  /** `period`: the period asked for; `last-365-days`: none was asked for. */
  basis: 'period' | 'last-365-days';
}

/**
 * The scope of the neglected and stalled counts and of their lists, one rule for all (the hand-off
 * figures, both lists, their exports and the alerts): the period asked for, or without one the last 365
 * days; the lead filters either way. Every answer states it, so a count never changes scope silently.
 */
export function waitingScope(
  query: { quarter?: string | undefined; from?: string | undefined },
  filter: MetricFilter,
  timezone: string,
  now: Date,
): { filter: MetricFilter; scope: WaitingScope } {
  if (query.quarter || query.from)
    return { filter, scope: { from: filter.from, to: filter.to, basis: 'period' } };
  const { from, to } = defaultWaitingScope(timezone, now);
  return {
    filter: filterFor({ label: `${from}..${to}`, from, to }, timezone, filter),
    scope: { from, to, basis: 'last-365-days' },
  };
}
