import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type SourceEntry = InferResponseType<typeof api.api.sources.$get, 200>['sources'][number];

export const sourcesQueryKey = ['sources', 'all'] as const;

export const sourcesQueryOptions = () =>
  listQueryOptions(sourcesQueryKey, api.api.sources, 'sources', { staleTime: 60_000 });

/** Every source with its category and how many leads it has. */
export const useSources = () => useQuery(sourcesQueryOptions());
