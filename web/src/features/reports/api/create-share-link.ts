import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { shareLinksKey } from './get-share-links';

/** Makes a link; the answer carries its token, the only time it is ever shown. */
export function useCreateShareLink(quarter: string) {
  return useInvalidatingMutation({
    mutationFn: (input: { days: number; label: string }) =>
      unwrap(api.api.reports['share-links'].$post({ json: { quarter, ...input } })),
    invalidates: [shareLinksKey(quarter)],
  });
}
