import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { tokensQueryKey } from './get-tokens';

/** `ingest` writes leads, touches and spend; `read` reads figures, metrics and exports. */
export type TokenScope = 'ingest' | 'read';

/** Makes a token; the answer carries the secret, the only time it is ever shown. */
export function useCreateToken() {
  return useInvalidatingMutation({
    mutationFn: (input: { name: string; scope: TokenScope }) => unwrap(api.api.tokens.$post({ json: input })),
    invalidates: [tokensQueryKey],
  });
}
