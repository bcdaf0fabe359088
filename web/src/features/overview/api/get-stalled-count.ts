import { useQuery } from '@tanstack/react-query';
import type { LeadFilterParams } from '../../../lib/filters';
import { waitingCountQueryOptions } from '../../../lib/waiting-query';

export const stalledCountQueryOptions = (filter: LeadFilterParams) =>
  waitingCountQueryOptions('stalled', filter, ({ total, stalledDays }) => ({ total, stalledDays }));

/**
 * How many open sales-ready leads have had no touch and no stage change for the stalled days:
 * the list's own scope (sales-ready in the last 365 days), so the count matches the list it links to.
 */
export function useStalledCount(filter: LeadFilterParams, enabled = true) {
  return useQuery({ ...stalledCountQueryOptions(filter), enabled });
}
