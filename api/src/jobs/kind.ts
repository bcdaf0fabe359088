import type { Database } from '@salesready/db/client';
import type { Job, JobProgress } from '@salesready/db/jobs/queue';
import type { SecretsKeys } from '../auth/secrets';
import type { AppDeps } from '../context';
import type { MailSettings } from '../delivery/mailer';

/** What a slice is given. */
export interface SliceContext {
  /** The slice's transaction: every write of the slice goes through it, with the job's new cursor. */
  db: Database;
  job: Job;
  /** Where the previous committed slice stopped (null: the run's first slice). */
  cursor: unknown;
  payload: Record<string, unknown>;
  /** The instant the runner stops starting slices; a slice should end well before it. */
  deadline: number;
  now: Date;
  services: JobServices;
}

/** What a slice may need beyond the database, from the app's deps. */
export interface JobServices {
  secretsKeys?: SecretsKeys;
  /** `HUBSPOT_API_BASE`: HubSpot's API origin (regional hosts, or a test server). */
  hubspotApiBase?: string;
  /** `SMTP_URL` and `MAIL_FROM`: unset, mail deliveries fail with the reason (and are retried). */
  mail?: MailSettings;
  /** The origin links in mail and Slack point to: `PUBLIC_URL`, else the server's own loopback address. */
  appUrl?: string;
}

/** What the jobs get from the app's deps, wherever they run (the server's timer or the tick route). */
export function jobServices(deps: AppDeps): JobServices {
  return {
    secretsKeys: deps.secretsKeys,
    hubspotApiBase: deps.hubspotApiBase,
    mail: deps.mail,
    appUrl: deps.publicUrl ?? deps.localUrl,
  };
}

/** What a slice answers: where it stopped, and whether the run is finished. */
export interface SliceResult {
  cursor: unknown;
  done: boolean;
  progress?: JobProgress;
  /** A finished run's outcome, kept on the job (`GET /api/jobs/:id`). */
  result?: unknown;
}

/**
 * A kind of background job. Its handler does one bounded slice of the work in the transaction it is
 * given and answers where it stopped; the runner saves that cursor in the same transaction, so a slice
 * is either committed with its cursor or not at all (docs/decisions/0020).
 */
export interface JobKind {
  kind: string;
  /** A recurring kind: a cron expression in the company's time zone. Omitted: one-off jobs only. */
  schedule?: string;
  run: (ctx: SliceContext) => Promise<SliceResult>;
}
