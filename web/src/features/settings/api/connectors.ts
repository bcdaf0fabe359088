import type { ConnectorMapping, MappingChoices } from '@salesready/api/connectors/mapping';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export type Connector = InferResponseType<(typeof api.api.connectors)[':id']['$get'], 200>;
export type ConnectorSummary = InferResponseType<typeof api.api.connectors.$get, 200>['connectors'][number];
export type { ConnectorMapping, MappingChoices };

/** What the connect forms send (`POST /api/connectors`, PRODUCT.md "Connectors"). */
export type NewConnector =
  | { kind: 'hubspot'; accessToken: string }
  | {
      kind: 'salesforce';
      loginUrl: string;
      clientId: string;
      clientSecret: string;
      flow: 'client_credentials' | 'web_server';
    };

const listKey = ['connectors'] as const;
const connectorKey = (id: number) => ['connectors', id] as const;
const mappingKey = (id: number) => ['connectors', id, 'mapping'] as const;

/** The CRMs connected, revoked ones included (admins). */
export function useConnectors() {
  return useQuery(listQueryOptions(listKey, api.api.connectors, 'connectors', { staleTime: 30_000 }));
}

/**
 * One connector's status, last run and next run; polled while a sync is under way or was just
 * asked for (`watch`), so the counts move on the page as the job reads.
 */
export function useConnector(id: number, watch: boolean) {
  return useQuery({
    queryKey: connectorKey(id),
    queryFn: ({ signal }) =>
      unwrap(api.api.connectors[':id'].$get({ param: { id: String(id) } }, { init: { signal } })),
    refetchInterval: (query) => (watch || query.state.data?.status === 'syncing' ? 1_500 : false),
  });
}

export function useCreateConnector() {
  return useInvalidatingMutation({
    // Cast: the body is the route's union, which this form's type mirrors.
    mutationFn: (json: NewConnector) =>
      unwrap(api.api.connectors.$post({ json: json as never })) as Promise<{
        id: number;
        status?: string;
        authorizeUrl?: string;
      }>,
    invalidates: [listKey],
  });
}

export function useSyncConnector() {
  return useInvalidatingMutation({
    mutationFn: (id: number) => unwrap(api.api.connectors[':id'].sync.$post({ param: { id: String(id) } })),
    invalidates: (id) => [connectorKey(id)],
  });
}

export function useDisconnectConnector() {
  return useInvalidatingMutation({
    mutationFn: (id: number) => unwrap(api.api.connectors[':id'].$delete({ param: { id: String(id) } })),
    invalidates: [listKey],
  });
}

/** The mapping the connector syncs with, and the values its CRM offers. */
export function useConnectorMapping(id: number) {
  return useQuery({
    queryKey: mappingKey(id),
    queryFn: ({ signal }) =>
      unwrap(api.api.connectors[':id'].mapping.$get({ param: { id: String(id) } }, { init: { signal } })),
    staleTime: 60_000,
  });
}

export function useSaveConnectorMapping(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: ConnectorMapping) =>
      unwrap(api.api.connectors[':id'].mapping.$put({ param: { id: String(id) }, json })),
    onSuccess: (saved) =>
      queryClient.setQueryData(mappingKey(id), (old: unknown) =>
        old && typeof old === 'object' ? { ...old, mapping: saved.mapping } : old,
      ),
  });
}
