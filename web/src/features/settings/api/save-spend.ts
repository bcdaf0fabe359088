import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type SpendInput = InferRequestType<typeof api.api.spend.$put>['json']['entries'][number];

/** Saves changed months of the spend grid; every cost figure follows. */
export function useSaveSpend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entries: SpendInput[]) => unwrap(api.api.spend.$put({ json: { entries } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['spend'] });
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
    },
  });
}
