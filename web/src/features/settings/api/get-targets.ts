import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type TargetEntry = InferResponseType<typeof api.api.targets.$get, 200>['targets'][number];
export type TargetMetric = TargetEntry['metric'];

export const targetsQueryOptions = (quarter: string) =>
  listQueryOptions(['targets', quarter], api.api.targets, 'targets', {
    args: { query: { quarter } },
    staleTime: 60_000,
  });

/** The quarter's targets: per metric, for the company (no source) and per source. */
export const useTargets = (quarter: string) => useQuery(targetsQueryOptions(quarter));
