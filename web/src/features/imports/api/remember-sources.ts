import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export interface SourceChoice {
  name: string;
  /** The source the name joins; null: a new source of that name. */
  sourceId: number | null;
}

/** Remembers the confirmed sources as aliases, before the import starts, so its rows follow them. */
export function useRememberSources() {
  return useInvalidatingMutation({
    mutationFn: (aliases: SourceChoice[]) => unwrap(api.api.sources.aliases.$put({ json: { aliases } })),
    invalidates: [['sources']],
  });
}
