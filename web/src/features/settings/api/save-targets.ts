import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import type { TargetMetric } from './get-targets';

export type TargetInput = InferRequestType<typeof api.api.targets.$put>['json']['targets'][number];

export interface TargetChanges {
  quarter: string;
  save: TargetInput[];
  /** Targets cleared: deleted one by one (the API has no batch delete). */
  remove: { metric: TargetMetric; sourceId: number | null }[];
}

/** Saves a quarter's changed targets (admins and executives); pacing and the gap change with them. */
export function useSaveTargets() {
  return useInvalidatingMutation({
    mutationFn: async ({ quarter, save, remove }: TargetChanges) => {
      if (save.length) await unwrap(api.api.targets.$put({ json: { targets: save } }));
      for (const { metric, sourceId } of remove) {
        await unwrap(
          api.api.targets.$delete({
            query: { quarter, metric, ...(sourceId !== null && { sourceId: String(sourceId) }) },
          }),
        );
      }
      return { saved: save.length, removed: remove.length };
    },
    invalidates: ({ quarter }) => [['targets', quarter], ['metrics']],
    evenOnError: true,
  });
}
