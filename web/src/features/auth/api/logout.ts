import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';
import { navigate } from '../../../lib/router';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.api.auth.logout.$post()),
    // Signed out locally even if the call failed: the cookie may already be gone.
    onSettled: () => {
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, null);
      navigate('/login', { replace: true });
    },
  });
}
