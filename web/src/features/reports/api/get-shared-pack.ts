import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

type SharedResponse = InferResponseType<(typeof api.api.share)[':token']['$get'], 200>;
/** One quarter's pack as the share view and the board pack page's preview render it (a preview has no expiry). */
export type SharedPack = Omit<SharedResponse, 'expiresAt'> & { expiresAt?: SharedResponse['expiresAt'] };

/** What a share link opens: one quarter's board pack figures (frozen or live) and commentary, read-only. */
export function useSharedPack(token: string) {
  return useQuery({
    queryKey: ['share', token] as const,
    queryFn: ({ signal }) => unwrap(api.api.share[':token'].$get({ param: { token } }, { init: { signal } })),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const sharedPdfHref = (token: string) => `/api/share/${encodeURIComponent(token)}/board-pack.pdf`;
