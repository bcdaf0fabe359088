import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { tokensQueryKey } from './get-tokens';

/** Revokes a token at once: requests with it are refused from now on. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.api.tokens[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
