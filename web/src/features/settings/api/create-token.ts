import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { tokensQueryKey } from './get-tokens';

/** `ingest` writes leads, touches and spend; `read` reads figures, metrics and exports. */
export type TokenScope = 'ingest' | 'read';

/** Makes a token; the answer carries the secret, the only time it is ever shown. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scope: TokenScope }) => unwrap(api.api.tokens.$post({ json: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
