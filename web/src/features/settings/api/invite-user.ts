import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { usersQueryKey } from './get-users';

export type InviteInput = InferRequestType<typeof api.api.users.invite.$post>['json'];

/** Invites someone (or renews an invitation); the answer carries the one-time invitation token. */
export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => unwrap(api.api.users.invite.$post({ json: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
