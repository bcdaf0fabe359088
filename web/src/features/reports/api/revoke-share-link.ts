import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { shareLinksKey } from './get-share-links';

/** Revokes a link at once: opening it answers "no longer valid" from now on. */
export function useRevokeShareLink(quarter: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.api.reports['share-links'][':id'].$delete({ param: { id: String(id) } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: shareLinksKey(quarter) }),
  });
}
