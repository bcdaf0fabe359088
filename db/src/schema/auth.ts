import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { type Role, users } from './users';

/**
 * The company's sign-in settings: one row (id 1). Two-factor for admins, and OpenID Connect single
 * sign-on (the client secret sealed with SECRETS_KEY).
 */
export const authSettings = pgTable(
  'auth_settings',
  {
    id: integer('id').primaryKey().default(1),
    adminTwoFactorRequired: boolean('admin_two_factor_required').notNull().default(false),
    ssoIssuer: text('sso_issuer'),
    ssoClientId: text('sso_client_id'),
    ssoClientSecret: text('sso_client_secret'),
    ssoAllowedDomains: text('sso_allowed_domains').array().notNull().default(sql`'{}'::text[]`),
    ssoDefaultRole: text('sso_default_role').$type<Role>().notNull().default('executive'),
    ssoGroupRoles: jsonb('sso_group_roles').$type<Record<string, Role>>().notNull().default({}),
    // Off: users who have signed in through SSO cannot sign in with a password.
    ssoPasswordSignIn: boolean('sso_password_sign_in').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('auth_settings_one_row', sql`${t.id} = 1`),
    check('auth_settings_role', sql`${t.ssoDefaultRole} in ('admin', 'executive', 'board')`),
  ],
);

/** Recovery codes for two-factor sign-in: shown once, stored as SHA-256, each good once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * A password sign-in waiting for its second factor: the browser holds a token (its SHA-256 here) and
 * gets a session only once a code is verified.
 */
export const pendingSignIns = pgTable('pending_sign_ins', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** An SSO sign-in in flight: its `state` (as SHA-256), PKCE verifier and nonce; each state is used once. */
export const ssoStates = pgTable('sso_states', {
  stateHash: text('state_hash').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
