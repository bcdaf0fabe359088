import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

export type SetupInput = InferRequestType<typeof api.api.auth.setup.$post>['json'];

/** Creates the first admin account (only possible while no user exists) and signs it in. */
export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => unwrap(api.api.auth.setup.$post({ json: input })),
    onSuccess: ({ user }) => {
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
