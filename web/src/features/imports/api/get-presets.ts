import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type ImportPreset = InferResponseType<typeof api.api.imports.presets.$get, 200>['presets'][number];

export const presetsQueryOptions = () =>
  listQueryOptions(['imports', 'presets'], api.api.imports.presets, 'presets', {
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The ready-made mappings for known exports (HubSpot, Salesforce, the sample data sets). */
export function usePresets() {
  return useQuery(presetsQueryOptions());
}
