import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { navigate } from '../../../lib/router';

/** Signs the user out of every session, this one included, and back to the sign-in page. */
export function useRevokeAllSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.api.auth.sessions['revoke-all'].$post()),
    onSuccess: () => {
      // To the sign-in page first, then forget everything cached (the signed-in user with it).
      navigate('/login', { replace: true });
      queryClient.removeQueries();
    },
  });
}
