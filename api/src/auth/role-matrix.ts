/**
 * The role matrix: who may call which API route. The API's guard (middleware/authorize.ts), the web
 * app's navigation and settings tabs, and the route security suite (test/api/security-routes.test.ts)
 * all read this one table. Roles: admin (everything), executive (reads everything, writes targets and
 * commentary), board (reads and exports only). No runtime imports: the web app bundles this file.
 */
import type { Role } from '@salesready/db/schema/users';

export type { Role };
export const roles = ['admin', 'executive', 'board'] as const satisfies readonly Role[];

/**
 * `public`: anyone (health, sign-in steps, the API description); `credential`: the request carries its own
 * (an API token, the cron secret), never a session; `share`: a share link is the credential, no session; a
 * list of roles: a signed-in user with one of them.
 */
export type Access = 'public' | 'credential' | 'share' | readonly Role[];

const everyone: readonly Role[] = roles;
const editors: readonly Role[] = ['admin', 'executive'];
const admins: readonly Role[] = ['admin'];

interface Rule {
  /** Matched against `METHOD /api/route/:pattern`, as the app names its routes. */
  route: RegExp;
  access: Access;
}

/** The first rule that matches decides; a route matched by none falls to the default below. */
export const accessRules: readonly Rule[] = [
  { route: /^GET \/api\/(health|openapi\.json)$/, access: 'public' },
  { route: /^GET \/api\/auth\/status$/, access: 'public' },
  {
    route: /^POST \/api\/auth\/(login|setup|logout|accept-invite|totp\/verify)$/,
    access: 'public',
  },
  { route: /^GET \/api\/auth\/sso\/(start|callback)$/, access: 'public' },
  // Scripts, integrations and crons: an API token or the cron secret, never a session.
  { route: /^\w+ \/api\/ingest\//, access: 'credential' },
  { route: /^POST \/api\/jobs\/tick$/, access: 'credential' },
  { route: /^GET \/api\/jobs\/tick$/, access: 'credential' },
  { route: /^\w+ \/api\/share(\/|$)/, access: 'share' },
  // A mailed report's own link: its token is the credential, and it can only take that address off.
  { route: /^(GET|POST) \/api\/subscriptions\/unsubscribe$/, access: 'public' },
  // Every signed-in user manages their own password, sessions and second factor, the board too.
  { route: /^\w+ \/api\/auth\//, access: everyone },
  // The admin's areas.
  { route: /^\w+ \/api\/(imports|tokens|users|audit|jobs|connectors)(\/|$)/, access: admins },
  { route: /^\w+ \/api\/settings\/(sso|security)$/, access: admins },
  { route: /^PUT \/api\/settings$/, access: admins },
  { route: /^POST \/api\/settings\/demo\/remove$/, access: admins },
  { route: /^PATCH \/api\/sources\/:id$/, access: admins },
  // Matching a file's source names, remembering aliases and merging sources change the taxonomy.
  { route: /^(POST \/api\/sources\/(match|:id\/merge)|PUT \/api\/sources\/aliases)$/, access: admins },
  { route: /^POST \/api\/metrics\/alerts\/run$/, access: admins },
  { route: /^POST \/api\/reports\/freeze$/, access: admins },
  // Marketing spend is the admins' and executives' (the CMO's), to read as well as to change.
  { route: /^\w+ \/api\/spend(\/|$)/, access: editors },
  // Who gets which report by mail or Slack: the admins' and executives'.
  { route: /^\w+ \/api\/subscriptions(\/|$)/, access: editors },
];

/**
 * What a read-scoped API token may call, besides a session: the figures, metrics, periods and
 * exports, read as the board reads them. Scripts, spreadsheets and BI tools pull the numbers here.
 */
export const readTokenRoute = /^GET \/api\/(figures|metrics|periods|exports)(\/|$)/;

/** Who may call a route the rules do not name: every role reads; the board never writes. */
function defaultAccess(method: string): Access {
  return method === 'GET' || method === 'HEAD' ? everyone : editors;
}

/** The access rule for a route, as `accessFor('PATCH', '/api/sources/:id')`. */
export function accessFor(method: string, routePath: string): Access {
  const verb = method === 'HEAD' ? 'GET' : method;
  const route = `${verb} ${routePath.length > 1 ? routePath.replace(/\/$/, '') : routePath}`;
  return accessRules.find((rule) => rule.route.test(route))?.access ?? defaultAccess(verb);
}

/** Whether a signed-in user of this role may call the route. */
export function roleMay(role: Role, method: string, routePath: string): boolean {
  const access = accessFor(method, routePath);
  return typeof access !== 'string' && access.includes(role);
}

/** The roles that may call a route (none for the routes no session opens). */
export function rolesFor(method: string, routePath: string): readonly Role[] {
  const access = accessFor(method, routePath);
  return typeof access === 'string' ? [] : access;
}

/**
 * The web app's pages and settings tabs, each opened by the route it cannot work without: a page is
 * shown to exactly the roles that route lets through.
 */
export const pageRoutes = {
  imports: ['POST', '/api/imports'],
  'settings.general': ['PUT', '/api/settings'],
  'settings.sources': ['PATCH', '/api/sources/:id'],
  'settings.targets': ['PUT', '/api/targets'],
  'settings.spend': ['PUT', '/api/spend'],
  'settings.tokens': ['GET', '/api/tokens'],
  'settings.subscriptions': ['GET', '/api/subscriptions'],
  'settings.connectors': ['GET', '/api/connectors'],
  'settings.users': ['GET', '/api/users'],
  'settings.security': ['GET', '/api/auth/sessions'],
  'settings.audit': ['GET', '/api/audit'],
  'settings.sso': ['PUT', '/api/settings/sso'],
} as const satisfies Record<string, readonly [string, string]>;

export type Page = keyof typeof pageRoutes;

export function pageRoles(page: Page): readonly Role[] {
  const [method, path] = pageRoutes[page];
  return rolesFor(method, path);
}

export function mayOpen(role: Role, page: Page): boolean {
  return pageRoles(page).includes(role);
}
