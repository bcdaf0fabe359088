import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { shareLinksKey } from './get-share-links';

/** Revokes a link at once: opening it answers "no longer valid" from now on. */
export function useRevokeShareLink(quarter: string) {
  return useInvalidatingMutation({
    mutationFn: (id: number) =>
      unwrap(api.api.reports['share-links'][':id'].$delete({ param: { id: String(id) } })),
    invalidates: [shareLinksKey(quarter)],
  });
}
