import type { Database, DriverName } from '@salesready/db/client';
import type { SessionUser } from './auth/sessions';
import type { RateLimitStore } from './middleware/rate-limit';

/** What createApp needs from its runtime; entries build it, tests pass their own. */
export interface AppDeps {
  db: Database;
  driver: DriverName;
  version: string;
  /** The embedded demo: its account is shown on the login page. */
  demo: boolean;
  /** Cookies are marked Secure unless the app is served on localhost. */
  secureCookies?: boolean;
  /** Where rate limits count attempts; default: this process's memory (docs/decisions/0005). */
  rateLimitStore?: RateLimitStore;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    user: SessionUser;
  };
}

/** The embedded demo's account; documented in the README and shown on the demo's login page. */
export const demoAccount = { email: 'demo@salesready.local', password: 'salesready-demo' } as const;
