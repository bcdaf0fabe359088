import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export interface SourceChoice {
  name: string;
  /** The source the name joins; null: a new source of that name. */
  sourceId: number | null;
}

/** Remembers the confirmed sources as aliases, before the import starts, so its rows follow them. */
export function useRememberSources() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (aliases: SourceChoice[]) => unwrap(api.api.sources.aliases.$put({ json: { aliases } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sources'] }),
  });
}
