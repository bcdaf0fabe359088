import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type Restatement = InferResponseType<typeof api.api.reports.restatement.$get, 200>;

export function restatementQueryOptions(quarter: string) {
  return queryOptions({
    queryKey: ['reports', 'restatement', quarter] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.reports.restatement.$get({ query: { quarter } }, { init: { signal } })),
  });
}

/** The figures of a frozen quarter that today's data would state differently. */
export function useRestatement(quarter: string, enabled: boolean) {
  return useQuery({ ...restatementQueryOptions(quarter), enabled });
}
