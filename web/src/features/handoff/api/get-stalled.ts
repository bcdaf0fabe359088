import { useMetricQuery } from '../../../lib/metrics-query';
import { type WaitingPage, waitingPageQueryOptions } from '../../../lib/waiting-query';
import { type WaitingFilter, waitingPageSize } from '../handoff-filter';

export type StalledPage = WaitingPage<'stalled'>;
export type StalledRow = StalledPage['rows'][number];

export const stalledQueryOptions = (filter: WaitingFilter) =>
  waitingPageQueryOptions('stalled', filter, waitingPageSize);

/** Open sales-ready leads with no touch and no stage change for the stalled days, quietest first. */
export const useStalled = (filter: WaitingFilter, enabled = true) =>
  useMetricQuery(stalledQueryOptions(filter), enabled);
