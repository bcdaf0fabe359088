import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { usersQueryKey } from './get-users';

export type UserChange = InferRequestType<(typeof api.api.users)[':id']['$patch']>['json'];

/** Changes a user's role, or deactivates (signing them out everywhere) or reactivates them. */
export function useUpdateUser() {
  return useInvalidatingMutation({
    mutationFn: ({ id, change }: { id: number; change: UserChange }) =>
      unwrap(api.api.users[':id'].$patch({ param: { id: String(id) }, json: change })).then((b) => b.user),
    invalidates: [usersQueryKey],
    evenOnError: true,
  });
}
