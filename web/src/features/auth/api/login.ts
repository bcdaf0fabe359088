import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientResponse, InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

export type Credentials = InferRequestType<typeof api.api.auth.login.$post>['json'];
/** Signed in (`user`), or the password was right and a second factor is asked for (`secondFactor`). */
export type LoginAnswer = InferResponseType<typeof api.api.auth.login.$post>;

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      unwrap<LoginAnswer>(
        api.api.auth.login.$post({ json: credentials }) as Promise<
          ClientResponse<LoginAnswer, number, 'json'>
        >,
      ),
    onSuccess: (answer) => {
      // A second factor is asked for first: no session yet.
      if (!('user' in answer)) return;
      // Another user's cached figures must not show: start from a clean cache.
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, answer.user);
    },
  });
}
