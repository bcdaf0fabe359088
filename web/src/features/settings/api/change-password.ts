import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { sessionsQueryKey } from './get-sessions';

export type PasswordChange = InferRequestType<typeof api.api.auth.password.$post>['json'];

/** Changes the signed-in user's password; their other sessions are signed out. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChange) => unwrap(api.api.auth.password.$post({ json: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
