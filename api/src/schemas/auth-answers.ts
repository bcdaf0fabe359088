import { z } from 'zod';

// Sign-in, accounts, API tokens, the audit log and background jobs, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const apiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(['read', 'ingest']),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const account = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'executive', 'board']),
  active: z.boolean(),
  invited: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});

const signedIn = z.object({
  user: z.object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'executive', 'board']),
  }),
});

/** A background job as answered (never its lease token). */
const job = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']),
  key: z.string().nullable(),
  id: z.number().int(),
  startedAt: z.string().nullable(),
  kind: z.string(),
  cron: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  cursor: z.unknown(),
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  runAt: z.string(),
  leaseUntil: z.string().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  slices: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z.unknown(),
});

/** DELETE /api/tokens/:id */
export const deleteTokensIdAnswer = apiToken;

/** GET /api/audit */
export const auditAnswer = z.object({
  entries: z.array(
    z.object({
      user: z
        .object({ id: z.number().int(), email: z.string().nullable(), name: z.string().nullable() })
        .nullable(),
      details: z.unknown(),
      id: z.number().int(),
      at: z.string(),
      action: z.string(),
      target: z.string().nullable(),
    }),
  ),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

/** GET /api/auth/me */
export const meAnswer = z.object({
  user: z.object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'executive', 'board']),
    totp: z.boolean(),
    mustSetUpTotp: z.boolean(),
  }),
});

/** GET /api/auth/sessions */
export const sessionsAnswer = z.object({
  sessions: z.array(
    z.object({ current: z.boolean(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string() }),
  ),
});

/** GET /api/auth/status */
export const statusAnswer = z.object({
  needsSetup: z.boolean(),
  demoAccount: z
    .object({ email: z.literal('demo@salesready.local'), password: z.literal('salesready-demo') })
    .nullable(),
});

/** GET /api/auth/totp */
export const totpAnswer = z.object({
  enabled: z.boolean(),
  required: z.boolean(),
  mustSetUp: z.boolean(),
  recoveryCodesLeft: z.number(),
  canStoreSecrets: z.boolean(),
});

/** GET /api/jobs */
export const jobsAnswer = z.object({ jobs: z.array(job) });

/** GET /api/jobs/:id */
export const jobAnswer = z.object({ job });

/** GET /api/jobs/tick, POST /api/jobs/tick */
export const jobsTickAnswer = z.object({
  startedAt: z.string(),
  elapsedMs: z.number(),
  budgetMs: z.number(),
  jobs: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      slices: z.number(),
      status: z.enum(['done', 'failed', 'retrying', 'scheduled', 'continuing', 'lease-lost']),
      progress: z.object({ done: z.number(), total: z.number() }).optional(),
      nextRunAt: z.string().optional(),
      error: z.string().optional(),
    }),
  ),
  more: z.boolean(),
});

/** GET /api/settings/security */
export const settingsSecurityAnswer = z.object({ adminTwoFactorRequired: z.boolean() });

/** GET /api/settings/sso */
export const settingsSsoAnswer = z.object({
  configured: z.boolean(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  hasClientSecret: z.boolean(),
  allowedDomains: z.array(z.string()),
  defaultRole: z.enum(['admin', 'executive', 'board']),
  groupRoles: z.record(z.string(), z.enum(['admin', 'executive', 'board'])),
  passwordSignIn: z.boolean(),
});

/** GET /api/tokens */
export const tokensAnswer = z.object({ tokens: z.array(apiToken) });

/** GET /api/users */
export const usersAnswer = z.object({
  users: z.array(
    z.object({
      inviteExpiresAt: z.string().nullable(),
      id: z.number().int(),
      email: z.string(),
      name: z.string(),
      role: z.enum(['admin', 'executive', 'board']),
      active: z.boolean(),
      invited: z.boolean(),
      createdAt: z.string(),
      lastSignInAt: z.string().nullable(),
    }),
  ),
});

/** PATCH /api/users/:id */
export const patchUsersIdAnswer = z.object({ user: account });

/** POST /api/auth/accept-invite */
export const inviteAcceptedAnswer = signedIn;

/** POST /api/auth/login */
export const loginAnswer = z.union([z.object({ secondFactor: z.literal('totp') }), signedIn]);

/** POST /api/auth/password */
export const passwordChangedAnswer = z.object({ ok: z.literal(true), revokedSessions: z.number() });

/** POST /api/auth/sessions/revoke-all */
export const sessionsRevokedAnswer = z.object({ revoked: z.number() });

/** POST /api/auth/totp/enable */
export const totpEnabledAnswer = z.object({ recoveryCodes: z.array(z.string()) });

/** POST /api/auth/totp/setup */
export const totpSetupAnswer = z.object({ secret: z.string(), otpauthUrl: z.string() });

/** POST /api/tokens */
export const postTokensAnswer = z.object({
  token: z.string(),
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(['read', 'ingest']),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** POST /api/users/invite */
export const postUsersInviteAnswer = z.object({ user: account, token: z.string(), expiresAt: z.string() });

/** PUT /api/settings/security */
export const putSettingsSecurityAnswer = z.object({ adminTwoFactorRequired: z.boolean() });

/** POST /api/auth/setup: the first account, an admin. */
export const setupAnswer = z.object({
  user: z.object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.literal('admin') }),
});

/** POST /api/auth/totp/verify: signed in; after a recovery code, how many are left. */
export const totpVerifiedAnswer = signedIn.extend({ recoveryCodesLeft: z.number().optional() });
