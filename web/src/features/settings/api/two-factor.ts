import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export const totpQueryKey = ['auth', 'totp'] as const;

/** Whether two-factor sign-in is on for the signed-in user, required, and how many recovery codes are left. */
export function useTotpStatus() {
  return useQuery({
    queryKey: totpQueryKey,
    queryFn: ({ signal }) => unwrap(api.api.auth.totp.$get(undefined, { init: { signal } })),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => unwrap(api.api.auth.totp.setup.$post()) });
}

export function useTotpEnable() {
  return useInvalidatingMutation({
    mutationFn: (code: string) => unwrap(api.api.auth.totp.enable.$post({ json: { code } })),
    invalidates: [totpQueryKey, meQueryKey],
  });
}

export function useTotpDisable() {
  return useInvalidatingMutation({
    mutationFn: (code: string) => unwrap(api.api.auth.totp.disable.$post({ json: { code } })),
    invalidates: [totpQueryKey, meQueryKey],
  });
}
