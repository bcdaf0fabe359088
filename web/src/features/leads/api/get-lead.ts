import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type LeadDetail = InferResponseType<(typeof api.api.leads)[':id']['$get'], 200>['lead'];

export function leadQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['leads', 'detail', id] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.leads[':id'].$get({ param: { id: String(id) } }, { init: { signal } })).then(
        (body) => body.lead,
      ),
    staleTime: 30_000,
  });
}

/** One lead with its BANT, its stages and its touches in time order. */
export function useLead(id: number | undefined) {
  return useQuery({ ...leadQueryOptions(id ?? 0), enabled: id !== undefined });
}
