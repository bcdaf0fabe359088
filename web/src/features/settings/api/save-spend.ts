import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

type SpendBody = InferRequestType<typeof api.api.spend.$put>['json'];
export type SpendInput = NonNullable<SpendBody['entries']>[number];
export type SalesCostInput = NonNullable<SpendBody['salesCost']>[number];

/** Saves changed months of the spend grid; every cost figure follows. */
export function useSaveSpend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entries, salesCost }: { entries: SpendInput[]; salesCost: SalesCostInput[] }) =>
      unwrap(api.api.spend.$put({ json: { entries, salesCost } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['spend'] });
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
    },
  });
}
