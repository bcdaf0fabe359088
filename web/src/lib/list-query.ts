import { type QueryKey, queryOptions } from '@tanstack/react-query';
import type { ClientResponse, InferResponseType } from 'hono/client';
import { unwrap } from './api-client';

// biome-ignore lint/suspicious/noExplicitAny: any call arguments; the endpoint's own type checks `args`
type Get = (args: any, options: { init: { signal: AbortSignal } }) => Promise<ClientResponse<unknown>>;
type Body<E extends { $get: Get }> = InferResponseType<E['$get'], 200>;

/**
 * The list an endpoint of the typed client answers under `field` (`{ users: [...] }`), cached
 * as the bare list; `args` is the GET's query or params, when it takes any.
 */
export function listQueryOptions<const K extends QueryKey, E extends { $get: Get }, F extends keyof Body<E>>(
  queryKey: K,
  endpoint: E,
  field: F,
  { args, staleTime }: { args?: Parameters<E['$get']>[0]; staleTime?: number } = {},
) {
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) =>
      unwrap(endpoint.$get(args, { init: { signal } }) as Promise<ClientResponse<Body<E>>>).then(
        (body) => body[field],
      ),
    ...(staleTime !== undefined && { staleTime }),
  });
}
