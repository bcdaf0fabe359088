import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type SectionCommentary = InferResponseType<
  typeof api.api.reports.commentary.$get,
  200
>['sections'][number];

export const commentaryKey = (quarter: string) => ['reports', 'commentary', quarter] as const;

export function commentaryQueryOptions(quarter: string) {
  return queryOptions({
    queryKey: commentaryKey(quarter),
    queryFn: ({ signal }) =>
      unwrap(api.api.reports.commentary.$get({ query: { quarter } }, { init: { signal } })).then(
        (body) => body.sections,
      ),
  });
}

/** The quarter's commentary, one entry per section of the pack, in its order. */
export function useCommentary(quarter: string) {
  return useQuery(commentaryQueryOptions(quarter));
}
