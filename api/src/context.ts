import type { Database, DriverName } from '@salesready/db/client';
import type { SecretsKeys } from './auth/secrets';
import type { SessionUser } from './auth/sessions';
import type { MailSettings } from './delivery/mailer';
import type { RateLimitStore } from './rate-limit-store';

/** What createApp needs from its runtime; entries build it, tests pass their own. */
export interface AppDeps {
  db: Database;
  driver: DriverName;
  version: string;
  /** The embedded demo on a loopback address: its account may sign in and is shown on the login page. */
  demo: boolean;
  /** `PUBLIC_URL`: the origin users reach the app at. Unset, only loopback names are answered. */
  publicUrl?: string;
  /** Cookies are marked Secure; default: when `publicUrl` is https. */
  secureCookies?: boolean;
  /** The largest CSV an import takes; default 2 GB. */
  maxImportBytes?: number;
  /** Where rate limits count attempts; default: this process's memory (docs/decisions/0005). */
  rateLimitStore?: RateLimitStore;
  /** `CRON_SECRET`: the bearer credential of `POST /api/jobs/tick`; unset, the tick answers 503. */
  cronSecret?: string;
  /** How long one tick may start job slices for; default 10 s (docs/decisions/0020). */
  jobTickBudgetMs?: number;
  /** Called after a request queued a job: a long-lived server runs it soon (it is not needed for correctness). */
  wakeJobs?: () => void;
  /** `SECRETS_KEY` and `SECRETS_KEY_PREVIOUS`: seal TOTP seeds and the SSO client secret at rest. */
  secretsKeys?: SecretsKeys;
  /** `HUBSPOT_API_BASE`: HubSpot's API origin; default https://api.hubapi.com. */
  hubspotApiBase?: string;
  /** `SMTP_URL` and `MAIL_FROM`: how subscriptions' mail goes out; unset, mail is refused with the reason. */
  mail?: MailSettings;
  /** Without `PUBLIC_URL`, the loopback origin the server listens on: links in mail point there. */
  localUrl?: string;
  /** How the SSO client reaches the identity provider; default: the runtime's fetch. */
  ssoFetch?: typeof fetch;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    publicOrigin: URL | null;
    user: SessionUser;
  };
}

/** The embedded demo's account; documented in the README and shown on the demo's login page. */
export const demoAccount = { email: 'demo@salesready.local', password: 'salesready-demo' } as const;
