import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type AuditPage = InferResponseType<typeof api.api.audit.$get, 200>;
export type AuditEntry = AuditPage['entries'][number];

export type AuditFilter = { page: number; action?: string };
export const auditPageSize = 50;

export function auditQueryOptions(filter: AuditFilter) {
  return queryOptions({
    queryKey: ['audit', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.audit.$get(
          {
            query: {
              page: String(filter.page),
              pageSize: String(auditPageSize),
              ...(filter.action && { action: filter.action }),
            },
          },
          { init: { signal } },
        ),
      ),
    staleTime: 15_000,
  });
}

/** Who did what and when (admins): sign-ins, invitations, settings, imports, tokens, exports. */
export function useAudit(filter: AuditFilter) {
  return useQuery({ ...auditQueryOptions(filter), placeholderData: keepPreviousData });
}
