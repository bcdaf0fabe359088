import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { tokensQueryKey } from './get-tokens';

/** Makes a token; the answer carries the secret, the only time it is ever shown. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.api.tokens.$post({ json: { name } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
