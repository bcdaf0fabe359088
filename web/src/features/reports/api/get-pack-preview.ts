import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { SharedPack } from './get-shared-pack';

/** The pack's pages as the PDF prints them (its frozen or live figures and the saved commentary). */
export function usePackPreview(quarter: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'preview', quarter ?? null] as const,
    queryFn: ({ signal }): Promise<SharedPack> =>
      unwrap(api.api.reports.preview.$get({ query: quarter ? { quarter } : {} }, { init: { signal } })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
