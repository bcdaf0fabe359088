import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { settingsQueryKey } from '../../../lib/company-settings';

export type SettingsChange = InferRequestType<typeof api.api.settings.$put>['json'];

/** Saves the changed settings (admins). Every figure may change with them, so cached figures go. */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: SettingsChange) =>
      unwrap(api.api.settings.$put({ json: changes })).then((body) => body.settings),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsQueryKey, settings);
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}
