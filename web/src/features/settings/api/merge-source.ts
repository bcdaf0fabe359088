import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { sourcesQueryKey } from './get-sources';

/** Merges a source into another (admins): its leads, spend and targets move; its name stays as an alias. */
export function useMergeSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, into }: { id: number; into: number }) =>
      unwrap(api.api.sources[':id'].merge.$post({ param: { id: String(id) }, json: { into } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sourcesQueryKey });
      // Every figure by source changes with it.
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
    },
  });
}
