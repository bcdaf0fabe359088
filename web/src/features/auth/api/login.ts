import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from './get-me';

export type Credentials = InferRequestType<typeof api.api.auth.login.$post>['json'];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => unwrap(api.api.auth.login.$post({ json: credentials })),
    onSuccess: ({ user }) => {
      // Another user's cached figures must not show: start from a clean cache.
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
