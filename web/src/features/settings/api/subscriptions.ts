import type { RunView, SubscriptionView } from '@salesready/api/delivery/subscriptions';
import { useQuery } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export type Subscription = SubscriptionView;
export type NewSubscription = InferRequestType<typeof api.api.subscriptions.$post>['json'];
export type SubscriptionRun = RunView;

const subscriptionsKey = ['subscriptions'] as const;
const runsKey = (id: number) => ['subscriptions', id, 'runs'] as const;

/** Who gets which report, on which schedule (admins and executives). */
export function useSubscriptions() {
  return useQuery<Subscription[]>({
    queryKey: subscriptionsKey,
    queryFn: ({ signal }) =>
      unwrap(api.api.subscriptions.$get({ query: {} }, { init: { signal } })).then(
        (b) => b.subscriptions as Subscription[],
      ),
    staleTime: 30_000,
  });
}

/** A subscription's latest runs; polled while a delivery is still on its way. */
export function useSubscriptionRuns(id: number | null) {
  return useQuery({
    queryKey: runsKey(id ?? 0),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.subscriptions[':id'].runs.$get({ param: { id: String(id) } }, { init: { signal } }),
      ).then((b) => b.runs as SubscriptionRun[]),
    refetchInterval: (query) =>
      query.state.data?.some((r) =>
        r.deliveries.some((d) => d.status === 'pending' || d.status === 'retrying'),
      )
        ? 3_000
        : false,
  });
}

export function useCreateSubscription() {
  return useInvalidatingMutation({
    mutationFn: (json: NewSubscription) => unwrap(api.api.subscriptions.$post({ json })),
    invalidates: [subscriptionsKey],
  });
}

export function useRunSubscription() {
  return useInvalidatingMutation({
    mutationFn: (id: number) => unwrap(api.api.subscriptions[':id'].run.$post({ param: { id: String(id) } })),
    invalidates: (id) => [runsKey(id)],
  });
}

export function useDeleteSubscription() {
  return useInvalidatingMutation({
    mutationFn: (id: number) => unwrap(api.api.subscriptions[':id'].$delete({ param: { id: String(id) } })),
    invalidates: [subscriptionsKey],
  });
}
