import type { Role } from '@salesready/api/auth/role-matrix';

/** The settings tabs, each at its own URL (`/settings` is General). Kept tiny: the router imports it. */
export const settingsTabs = [
  'general',
  'sources',
  'targets',
  'spend',
  'tokens',
  'subscriptions',
  'connectors',
  'users',
  'sso',
  'security',
  'audit',
] as const;
export type SettingsTab = (typeof settingsTabs)[number];

/** The signed-in user, as the settings tabs need them. */
export interface SettingsUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}
