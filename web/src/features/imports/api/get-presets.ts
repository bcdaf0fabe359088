import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type ImportPreset = InferResponseType<typeof api.api.imports.presets.$get, 200>['presets'][number];

export function presetsQueryOptions() {
  return queryOptions({
    queryKey: ['imports', 'presets'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.imports.presets.$get(undefined, { init: { signal } })).then((body) => body.presets),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The ready-made mappings for known exports (HubSpot, Salesforce, the sample data sets). */
export function usePresets() {
  return useQuery(presetsQueryOptions());
}
