import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type ShareLink = InferResponseType<
  (typeof api.api.reports)['share-links']['$get'],
  200
>['links'][number];

export const shareLinksKey = (quarter: string) => ['reports', 'share-links', quarter] as const;

export function shareLinksQueryOptions(quarter: string) {
  return queryOptions({
    queryKey: shareLinksKey(quarter),
    queryFn: ({ signal }) =>
      unwrap(api.api.reports['share-links'].$get({ query: { quarter } }, { init: { signal } })).then(
        (body) => body.links,
      ),
  });
}

/** The quarter's share links: who made each, when it ends, when it was last opened. */
export function useShareLinks(quarter: string) {
  return useQuery(shareLinksQueryOptions(quarter));
}
