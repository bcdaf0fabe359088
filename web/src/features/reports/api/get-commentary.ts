import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type SectionCommentary = InferResponseType<
  typeof api.api.reports.commentary.$get,
  200
>['sections'][number];

export const commentaryKey = (quarter: string) => ['reports', 'commentary', quarter] as const;

export const commentaryQueryOptions = (quarter: string) =>
  listQueryOptions(commentaryKey(quarter), api.api.reports.commentary, 'sections', {
    args: { query: { quarter } },
  });

/** The quarter's commentary, one entry per section of the pack, in its order. */
export const useCommentary = (quarter: string) => useQuery(commentaryQueryOptions(quarter));
