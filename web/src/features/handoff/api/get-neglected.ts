import { useMetricQuery } from '../../../lib/metrics-query';
import { type WaitingPage, waitingPageQueryOptions } from '../../../lib/waiting-query';
import { type WaitingFilter, waitingPageSize } from '../handoff-filter';

export type NeglectedPage = WaitingPage<'neglected'>;
export type NeglectedRow = NeglectedPage['rows'][number];

export const neglectedQueryOptions = (filter: WaitingFilter) =>
  waitingPageQueryOptions('neglected', filter, waitingPageSize);

/** Sales-ready leads waiting now past the SLA with no sales touch, longest waiting first. */
export const useNeglected = (filter: WaitingFilter, enabled = true) =>
  useMetricQuery(neglectedQueryOptions(filter), enabled);
