import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

type SpendBody = InferRequestType<typeof api.api.spend.$put>['json'];
export type SpendInput = NonNullable<SpendBody['entries']>[number];
export type SalesCostInput = NonNullable<SpendBody['salesCost']>[number];

/** Saves changed months of the spend grid; every cost figure follows. */
export function useSaveSpend() {
  return useInvalidatingMutation({
    mutationFn: ({ entries, salesCost }: { entries: SpendInput[]; salesCost: SalesCostInput[] }) =>
      unwrap(api.api.spend.$put({ json: { entries, salesCost } })),
    invalidates: [['spend'], ['metrics']],
    evenOnError: true,
  });
}
