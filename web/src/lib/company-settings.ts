import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './api-client';

export type CompanySettings = InferResponseType<typeof api.api.settings.$get, 200>['settings'];

export const settingsQueryKey = ['settings'] as const;

/** The settings that change figures (fiscal year, time zone, sales-ready rule, SLA…); read by every role. */
export function settingsQueryOptions() {
  return queryOptions({
    queryKey: settingsQueryKey,
    queryFn: ({ signal }) =>
      unwrap(api.api.settings.$get(undefined, { init: { signal } })).then((body) => body.settings),
    staleTime: 5 * 60_000,
  });
}

export function useCompanySettings() {
  return useQuery(settingsQueryOptions());
}
