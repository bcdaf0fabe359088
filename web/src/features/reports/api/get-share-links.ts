import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type ShareLink = InferResponseType<
  (typeof api.api.reports)['share-links']['$get'],
  200
>['links'][number];

export const shareLinksKey = (quarter: string) => ['reports', 'share-links', quarter] as const;

export const shareLinksQueryOptions = (quarter: string) =>
  listQueryOptions(shareLinksKey(quarter), api.api.reports['share-links'], 'links', {
    args: { query: { quarter } },
  });

/** The quarter's share links: who made each, when it ends, when it was last opened. */
export const useShareLinks = (quarter: string) => useQuery(shareLinksQueryOptions(quarter));
