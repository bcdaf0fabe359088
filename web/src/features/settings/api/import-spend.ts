import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export type SpendImportReport = InferResponseType<typeof api.api.spend.import.$post, 200>;
export type SpendPresetName = 'google-ads' | 'linkedin-ads' | 'meta-ads' | 'spend';

export interface SpendImportRequest {
  file: File;
  preset?: SpendPresetName;
  source?: string;
  dryRun: boolean;
}

/** Sends a spend export: a preview (`dryRun`) says what each month becomes; the import writes it. */
export function useImportSpend() {
  return useInvalidatingMutation({
    mutationFn: async ({ file, preset, source, dryRun }: SpendImportRequest) =>
      unwrap(
        api.api.spend.import.$post(
          {
            query: {
              ...(preset && { preset }),
              ...(source && { source }),
              dryRun: dryRun ? 'true' : 'false',
            },
          },
          { init: { body: await file.text(), headers: { 'content-type': 'text/csv' } } },
        ),
      ),
    invalidates: ({ dryRun }) => (dryRun ? [] : [['spend'], ['metrics']]),
  });
}
