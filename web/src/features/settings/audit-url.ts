import { parseEnumParam, parsePositiveIntParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/** The kinds of entry the audit log can be narrowed to: an action prefix as the API takes it. */
export const auditKinds = [
  { value: 'auth.*', label: 'Sign-ins and passwords' },
  { value: 'user.*', label: 'Users and invitations' },
  { value: 'settings.*', label: 'Settings' },
  { value: 'source.*', label: 'Sources' },
  { value: 'targets.*', label: 'Targets' },
  { value: 'import.*', label: 'Imports' },
  { value: 'token.*', label: 'API tokens' },
  { value: 'export', label: 'Exports' },
] as const;
export type AuditKind = (typeof auditKinds)[number]['value'];

export interface AuditUrl {
  page: number;
  action?: AuditKind;
}

const auditUrl: UrlSchema<AuditUrl> = {
  parse: (params) => {
    const action = parseEnumParam(
      params.get('action'),
      auditKinds.map((k) => k.value),
    );
    const page = parsePositiveIntParam(params.get('page'), 100_000) ?? 1;
    return action ? { page, action } : { page };
  },
  serialize: ({ page, action }) => ({ page: page === 1 ? undefined : String(page), action }),
};

export function useAuditUrl() {
  return useUrlState(auditUrl);
}
