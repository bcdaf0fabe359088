import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { sessionsQueryKey } from './get-sessions';

export type PasswordChange = InferRequestType<typeof api.api.auth.password.$post>['json'];

/** Changes the signed-in user's password; their other sessions are signed out. */
export function useChangePassword() {
  return useInvalidatingMutation({
    mutationFn: (input: PasswordChange) => unwrap(api.api.auth.password.$post({ json: input })),
    invalidates: [sessionsQueryKey],
  });
}
