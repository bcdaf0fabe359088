import { useQuery } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export type SsoSettings = InferResponseType<typeof api.api.settings.sso.$get, 200>;
export type SsoChange = InferRequestType<typeof api.api.settings.sso.$put>['json'];

const ssoKey = ['settings', 'sso'] as const;
const securityKey = ['settings', 'security'] as const;

/** Single sign-on as configured (the client secret never comes back: only whether one is kept). */
export function useSsoSettings() {
  return useQuery({
    queryKey: ssoKey,
    queryFn: ({ signal }) => unwrap(api.api.settings.sso.$get(undefined, { init: { signal } })),
  });
}

/** Saves the single sign-on settings; the server checks the provider answers before keeping them. */
export function useSaveSso() {
  return useInvalidatingMutation({
    mutationFn: (json: SsoChange) => unwrap(api.api.settings.sso.$put({ json })),
    invalidates: [ssoKey],
  });
}

/** Whether admins must sign in with a second factor. */
export function useSecuritySettings() {
  return useQuery({
    queryKey: securityKey,
    queryFn: ({ signal }) => unwrap(api.api.settings.security.$get(undefined, { init: { signal } })),
  });
}

export function useSaveSecurity() {
  return useInvalidatingMutation({
    mutationFn: (json: { adminTwoFactorRequired: boolean }) =>
      unwrap(api.api.settings.security.$put({ json })),
    invalidates: [securityKey],
  });
}
