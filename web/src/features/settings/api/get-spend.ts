import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type SpendGrid = InferResponseType<typeof api.api.spend.$get, 200>;
export type SpendRow = SpendGrid['sources'][number];

/** Spend per source and month for a calendar year (admins and executives). */
export function useSpend(year: number) {
  return useQuery({
    queryKey: ['spend', year] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.spend.$get({ query: { from: `${year}-01`, to: `${year}-12` } }, { init: { signal } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
