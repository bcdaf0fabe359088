import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const roles = ['admin', 'executive', 'board'] as const;
export type Role = (typeof roles)[number];

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    // Null until an invited user accepts the invitation and chooses a password.
    passwordHash: text('password_hash'),
    role: text('role').$type<Role>().notNull().default('executive'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    // Two-factor sign-in (TOTP): the seed sealed with SECRETS_KEY; enabled once a code has proved it.
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    // The last time step a code was accepted for: a code is good once (RFC 6238 §5.2).
    totpLastStep: integer('totp_last_step'),
    // Single sign-on: the provider's `sub` for this user (`<issuer> <sub>`), set on the first SSO sign-in.
    ssoSubject: text('sso_subject'),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_sso_subject_idx').on(t.ssoSubject),
    check('users_role_check', sql`${t.role} in ('admin', 'executive', 'board')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie's token: a leaked table cannot be replayed as cookies.
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invites = pgTable(
  'invites',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // SHA-256 of the link's token, which is shown once to the admin who invites.
    tokenHash: text('token_hash').notNull(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('invites_token_hash_idx').on(t.tokenHash), index('invites_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // First characters of the token, shown so an admin can tell tokens apart.
    prefix: text('prefix').notNull(),
    // 'ingest' writes leads, touches and spend; 'read' reads figures, metrics and exports.
    scope: text('scope').$type<'ingest' | 'read'>().notNull().default('ingest'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
);

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration audit_append_only). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    target: text('target'),
    details: text('details'),
  },
  // GET /api/audit?action= reads one action's entries newest first.
  (t) => [index('audit_log_action_idx').on(t.action, t.id)],
);

/**
 * Rate-limit windows shared by every instance of the app (serverless): one row per limited key, its
 * attempts in the current fixed window and when that window closes (docs/decisions/0005).
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    // SHA-256 of the key, which names a client address and an email: no address book at rest.
    keyHash: text('key_hash').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  // The sweep deletes closed windows.
  (t) => [index('rate_limit_windows_reset_idx').on(t.resetAt)],
);
