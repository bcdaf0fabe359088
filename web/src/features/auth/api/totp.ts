import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export function useTotpVerify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.api.auth.totp.verify.$post({ json: { code } })),
    onSuccess: ({ user }) => {
      queryClient.removeQueries();
      if (user) queryClient.setQueryData(meQueryKey, user);
    },
  });
}
