import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { usersQueryKey } from './get-users';

export type InviteInput = InferRequestType<typeof api.api.users.invite.$post>['json'];

/** Invites someone (or renews an invitation); the answer carries the one-time invitation token. */
export function useInviteUser() {
  return useInvalidatingMutation({
    mutationFn: (input: InviteInput) => unwrap(api.api.users.invite.$post({ json: input })),
    invalidates: [usersQueryKey],
  });
}
