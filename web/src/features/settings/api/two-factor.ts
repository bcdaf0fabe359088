import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

export const totpQueryKey = ['auth', 'totp'] as const;

/** Whether two-factor sign-in is on for the signed-in user, required, and how many recovery codes are left. */
export function useTotpStatus() {
  return useQuery(
    queryOptions({
      queryKey: totpQueryKey,
      queryFn: ({ signal }) => unwrap(api.api.auth.totp.$get(undefined, { init: { signal } })),
    }),
  );
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => unwrap(api.api.auth.totp.setup.$post()) });
}

export function useTotpEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.api.auth.totp.enable.$post({ json: { code } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: totpQueryKey });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useTotpDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.api.auth.totp.disable.$post({ json: { code } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: totpQueryKey });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
