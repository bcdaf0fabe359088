import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { tokensQueryKey } from './get-tokens';

/** Revokes a token at once: requests with it are refused from now on. */
export function useRevokeToken() {
  return useInvalidatingMutation({
    mutationFn: (id: number) => unwrap(api.api.tokens[':id'].$delete({ param: { id: String(id) } })),
    invalidates: [tokensQueryKey],
  });
}
