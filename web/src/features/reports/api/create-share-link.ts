import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { shareLinksKey } from './get-share-links';

/** Makes a link; the answer carries its token, the only time it is ever shown. */
export function useCreateShareLink(quarter: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { days: number; label: string }) =>
      unwrap(api.api.reports['share-links'].$post({ json: { quarter, ...input } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: shareLinksKey(quarter) }),
  });
}
