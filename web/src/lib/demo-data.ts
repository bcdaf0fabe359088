import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './api-client';

export const demoDataQueryKey = ['settings', 'demo'] as const;

export function demoDataQueryOptions() {
  return queryOptions({
    queryKey: demoDataQueryKey,
    queryFn: ({ signal }) => unwrap(api.api.settings.demo.$get({}, { init: { signal } })),
  });
}

/** Whether the demo's leads and account are still in the database. */
export function useDemoData() {
  return useQuery(demoDataQueryOptions());
}

/** Removes the demo's data and account; every figure changes, so every cached answer goes. */
export function useRemoveDemoData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.api.settings.demo.remove.$post({ json: { confirm: true } })),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}
