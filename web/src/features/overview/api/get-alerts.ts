import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type Alerts = InferResponseType<typeof api.api.metrics.alerts.$get, 200>;
export type Alert = Alerts['alerts'][number];

export function alertsQueryOptions() {
  return queryOptions({
    queryKey: ['metrics', 'alerts'] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.alerts.$get({ query: {} }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** The open alerts of this quarter, company-wide, worst first (computed by the server on every call). */
export function useAlerts(enabled = true) {
  return useQuery({ ...alertsQueryOptions(), enabled });
}
