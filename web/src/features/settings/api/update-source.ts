import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { type SourceEntry, sourcesQueryKey } from './get-sources';

export type SourceChange = InferRequestType<(typeof api.api.sources)[':id']['$patch']>['json'];

/** Renames or recategorises a source (admins); figures by category change with it. */
export function useUpdateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: SourceChange }) =>
      unwrap(api.api.sources[':id'].$patch({ param: { id: String(id) }, json: change })).then(
        (b) => b.source,
      ),
    onSuccess: (source) => {
      queryClient.setQueryData<SourceEntry[]>(sourcesQueryKey, (list) =>
        list?.map((s) => (s.id === source.id ? { ...s, name: source.name, category: source.category } : s)),
      );
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
    },
  });
}
