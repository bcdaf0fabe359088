import { useQuery } from '@tanstack/react-query';
import type { LeadFilterParams } from '../../../lib/filters';
import { waitingCountQueryOptions } from '../../../lib/waiting-query';

export const neglectedCountQueryOptions = (filter: LeadFilterParams) =>
  waitingCountQueryOptions('neglected', filter, ({ total, slaHours }) => ({ total, slaHours }));

/**
 * How many sales-ready leads are waiting now past the SLA with no sales touch: the list's own
 * scope (sales-ready in the last 365 days), so the count matches the list it links to.
 */
export function useNeglectedCount(filter: LeadFilterParams, enabled = true) {
  return useQuery({ ...neglectedCountQueryOptions(filter), enabled });
}
