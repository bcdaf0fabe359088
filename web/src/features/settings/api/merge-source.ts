import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { sourcesQueryKey } from './get-sources';

/** Merges a source into another (admins): its leads, spend and targets move; its name stays as an alias. */
export function useMergeSource() {
  return useInvalidatingMutation({
    mutationFn: ({ id, into }: { id: number; into: number }) =>
      unwrap(api.api.sources[':id'].merge.$post({ param: { id: String(id) }, json: { into } })),
    // Every figure by source changes with it.
    invalidates: [sourcesQueryKey, ['metrics']],
  });
}
