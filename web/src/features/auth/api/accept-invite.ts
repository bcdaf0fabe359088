import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

export type AcceptInviteInput = InferRequestType<(typeof api.api.auth)['accept-invite']['$post']>['json'];

/** Uses an invitation: sets the password, activates the account and signs it in. */
export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInviteInput) => unwrap(api.api.auth['accept-invite'].$post({ json: input })),
    onSuccess: ({ user }) => {
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
