import { randomBytes } from 'node:crypto';
import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { enqueueJob, ensureRecurringJob } from '@salesready/db/jobs/queue';
import { todayIn } from '@salesready/db/periods';
import {
  alertNotices,
  type SubscriptionKind,
  subscriptionDeliveries,
  subscriptionRecipients,
  subscriptionRuns,
  subscriptions,
} from '@salesready/db/schema/index';
import { readSettings } from '@salesready/db/settings';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { subscriptionSealContext } from '../auth/seal-contexts';
import type { SecretBox } from '../auth/secrets';
import { nextOccurrence } from '../jobs/schedule';
import { type RunContent, runContent, runTitle } from './contents';

export const subscriptionJobKind = 'subscription';
export const deliveryJobKind = 'subscription-delivery';
export const subscriptionJobKey = (id: number) => `subscription:${id}`;
// A failed delivery is tried again after 15 s, 30 s, 1 min, 2 min, 4 min: then it stays failed, with its error.
const deliveryAttempts = 6;

export interface NewSubscription {
  kind: SubscriptionKind;
  name: string;
  recipients: string[];
  schedule: string;
  timezone: string;
  slackWebhookUrl?: string;
}

/** Creates a subscription, its recipients' unsubscribe tokens and its recurring job; answers its id. */
export async function createSubscription(
  db: Database,
  box: SecretBox,
  input: NewSubscription,
  userId: number | null,
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(subscriptions)
      .values({
        kind: input.kind,
        name: input.name,
        schedule: input.schedule,
        timezone: input.timezone,
        createdBy: userId,
      })
      .returning({ id: subscriptions.id });
    const id = defined(row).id;
    if (input.slackWebhookUrl) {
      const sealed = await box.seal(input.slackWebhookUrl, subscriptionSealContext(id));
      await tx.update(subscriptions).set({ slackWebhook: sealed }).where(eq(subscriptions.id, id));
    }
    if (input.recipients.length > 0) {
      await tx.insert(subscriptionRecipients).values(
        input.recipients.map((email) => ({
          subscriptionId: id,
          email,
          unsubscribeToken: randomBytes(24).toString('base64url'),
        })),
      );
    }
    await ensureRecurringJob(tx as unknown as Database, {
      kind: subscriptionJobKind,
      key: subscriptionJobKey(id),
      cron: input.schedule,
      timezone: input.timezone,
      firstRunAt: nextOccurrence(
        input.schedule,
        input.timezone,
        now,
        await readSettings(tx as unknown as Database),
      ),
    });
    return id;
  }) as Promise<number>;
}

/** Deletes a subscription, its history and its pending jobs. */
export async function deleteSubscription(db: Database, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from jobs where status in ('queued', 'running') and (key = ${subscriptionJobKey(id)}
      or id in (select d.job_id from subscription_deliveries d join subscription_runs r on r.id = d.run_id
        where r.subscription_id = ${id}))`);
    const gone = await tx
      .delete(subscriptions)
      .where(eq(subscriptions.id, id))
      .returning({ id: subscriptions.id });
    return gone.length > 0;
  }) as Promise<boolean>;
}

export interface SubscriptionView {
  id: number;
  kind: SubscriptionKind;
  name: string;
  schedule: string;
  timezone: string;
  slack: boolean;
  recipients: { email: string; unsubscribed: boolean }[];
  nextRunAt: string | null;
  createdAt: string;
}

export async function listSubscriptions(db: Database): Promise<SubscriptionView[]> {
  return selectRows<SubscriptionView>(
    db,
    sql`select s.id, s.kind, s.name, s.schedule, s.timezone, s.slack_webhook is not null as slack,
        coalesce((select json_agg(json_build_object('email', r.email, 'unsubscribed', r.unsubscribed_at is not null)
          order by r.email) from subscription_recipients r where r.subscription_id = s.id), '[]'::json) as recipients,
        (select to_char(j.run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from jobs j
          where j.key = 'subscription:' || s.id and j.status in ('queued', 'running')) as "nextRunAt",
        to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
      from subscriptions s order by s.id`,
  );
}

/** `skipped`: the recipient unsubscribed between the run and its delivery. */
export type DeliveryStatus = 'sent' | 'pending' | 'retrying' | 'failed' | 'skipped';

export interface RunView {
  id: number;
  trigger: 'schedule' | 'manual';
  subject: string;
  createdAt: string;
  deliveries: {
    channel: 'email' | 'slack';
    recipient: string;
    status: DeliveryStatus;
    attempts: number;
    error: string | null;
    sentAt: string | null;
  }[];
}

/** A subscription's runs, newest first, each delivery's state read from its job (attempts, last error). */
export async function listRuns(db: Database, subscriptionId: number, limit = 20): Promise<RunView[]> {
  return selectRows<RunView>(
    db,
    sql`select r.id, r.trigger, r.subject,
        to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
        coalesce((select json_agg(json_build_object(
            'channel', d.channel, 'recipient', d.recipient,
            'status', case when d.sent_at is not null then 'sent' when j.status = 'failed' then 'failed'
              when j.status = 'done' then 'skipped' when j.attempts > 0 then 'retrying' else 'pending' end,
            'attempts', coalesce(j.attempts, 0),
            'error', case when d.sent_at is null then j.last_error end,
            'sentAt', to_char(d.sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by d.id)
          from subscription_deliveries d left join jobs j on j.id = d.job_id where d.run_id = r.id), '[]'::json)
          as deliveries
      from subscription_runs r where r.subscription_id = ${subscriptionId}
      order by r.id desc limit ${limit}`,
  );
}

const severityRank: Record<string, number> = { info: 0, warning: 1, critical: 2 };

/**
 * The alerts a run should send: those never sent by this subscription, and those now more severe than
 * when last sent, unless sent today already (at most once per alert per day). Records what it keeps.
 */
async function alertsToSend(
  db: Database,
  subscriptionId: number,
  content: RunContent,
  timezone: string,
  now: Date,
): Promise<RunContent> {
  if (content.kind !== 'alerts') return content;
  const day = todayIn(timezone, now);
  // Each alert's latest notice only: the table keeps one row per alert and day.
  const notices = await selectRows<{ alert_id: string; day: string; severity: string }>(
    db,
    sql`select distinct on (alert_id) alert_id, day::text as day, severity from alert_notices
      where subscription_id = ${subscriptionId} order by alert_id, day desc`,
  );
  const last = new Map(notices.map((n) => [n.alert_id, n]));
  const fresh = content.alerts.filter((a) => {
    const before = last.get(a.id);
    if (!before) return true;
    return before.day < day && (severityRank[a.severity] ?? 0) > (severityRank[before.severity] ?? 0);
  });
  if (fresh.length > 0) {
    await db
      .insert(alertNotices)
      .values(fresh.map((a) => ({ subscriptionId, alertId: a.id, day, severity: a.severity })))
      .onConflictDoNothing();
  }
  return { ...content, alerts: fresh };
}

export interface RunStarted {
  runId: number | null;
  deliveries: number;
}

/**
 * Starts a run of a subscription: reads its content once, records the run and one delivery per recipient
 * (and the Slack webhook), each a job of its own. An alerts run with nothing new records nothing;
 * null when there is no such subscription.
 */
export async function startRun(
  db: Database,
  subscriptionId: number,
  trigger: 'schedule' | 'manual',
  options: { now: Date; userId: number | null },
): Promise<RunStarted | null> {
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
  if (!sub) return null;
  const [previousRun] = await db
    .select({ content: subscriptionRuns.content })
    .from(subscriptionRuns)
    .where(eq(subscriptionRuns.subscriptionId, subscriptionId))
    .orderBy(desc(subscriptionRuns.id))
    .limit(1);
  const timezone = sub.timezone ?? (await readSettings(db)).timezone;
  const read = await runContent(db, sub.kind, {
    now: options.now,
    previous: previousRun ? (JSON.parse(previousRun.content) as RunContent) : null,
  });
  // The alerts' notices, the run and its deliveries are written together: an alert is never marked
  // sent by a run that was not recorded.
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    const content = await alertsToSend(tx, subscriptionId, read, timezone, options.now);
    if (content.kind === 'alerts' && content.alerts.length === 0) return { runId: null, deliveries: 0 };
    const recipients = await tx
      .select({ email: subscriptionRecipients.email })
      .from(subscriptionRecipients)
      .where(
        and(
          eq(subscriptionRecipients.subscriptionId, subscriptionId),
          isNull(subscriptionRecipients.unsubscribedAt),
        ),
      )
      .orderBy(subscriptionRecipients.email);
    const [run] = await tx
      .insert(subscriptionRuns)
      .values({
        subscriptionId,
        trigger,
        subject: `SalesReady: ${runTitle(content)}`,
        content: JSON.stringify(content),
        createdBy: options.userId,
        createdAt: options.now,
      })
      .returning({ id: subscriptionRuns.id });
    const runId = defined(run).id;
    const targets = [
      ...recipients.map((r) => ({ channel: 'email' as const, recipient: r.email })),
      ...(sub.slackWebhook ? [{ channel: 'slack' as const, recipient: 'Slack' }] : []),
    ];
    for (const target of targets) {
      const [delivery] = await tx
        .insert(subscriptionDeliveries)
        .values({ runId, ...target })
        .returning({ id: subscriptionDeliveries.id });
      const deliveryId = defined(delivery).id;
      const job = await enqueueJob(tx, {
        kind: deliveryJobKind,
        key: `delivery:${deliveryId}`,
        payload: { deliveryId },
        maxAttempts: deliveryAttempts,
      });
      await tx
        .update(subscriptionDeliveries)
        .set({ jobId: job.id })
        .where(eq(subscriptionDeliveries.id, deliveryId));
    }
    return { runId, deliveries: targets.length };
  }) as Promise<RunStarted>;
}

/** Takes one address off one subscription; answers which, or null for a token that names none. */
export async function unsubscribe(db: Database, token: string, now = new Date()) {
  const [row] = await db
    .update(subscriptionRecipients)
    .set({
      unsubscribedAt: sql`coalesce(${subscriptionRecipients.unsubscribedAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(subscriptionRecipients.unsubscribeToken, token))
    .returning({
      email: subscriptionRecipients.email,
      subscriptionId: subscriptionRecipients.subscriptionId,
    });
  return row ?? null;
}
