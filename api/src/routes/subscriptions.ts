import { subscriptionKinds } from '@salesready/db/schema/subscriptions';
import { readSettings } from '@salesready/db/settings';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { secretBox } from '../auth/secrets';
import type { AppEnv } from '../context';
import { slackWebhookProblem } from '../delivery/slack';
import {
  createSubscription,
  deleteSubscription,
  listRuns,
  listSubscriptions,
  startRun,
  unsubscribe,
} from '../delivery/subscriptions';
import { AppError } from '../errors';
import { checkSchedule } from '../jobs/schedule';
import { responds, respondsHtml } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId, timezoneParam } from '../params';
import {
  createdId,
  runStarted,
  subscriptionDeleted,
  subscriptionList,
  subscriptionRuns,
  unsubscribed,
} from '../schemas/responses';

const maxRecipients = 50;

const schedule = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    try {
      checkSchedule(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  });

const newSubscription = z
  .strictObject({
    kind: z.enum(subscriptionKinds),
    name: z.string().trim().max(100).default(''),
    recipients: z
      .array(z.email('must be an email address').trim().toLowerCase())
      .max(maxRecipients, `at most ${maxRecipients} recipients`)
      .default([]),
    schedule: schedule.describe(
      'a five-field cron expression, or `after-quarter N HH:MM` (the Nth working day after each fiscal quarter closes)',
    ),
    timezone: timezoneParam.optional(),
    slackWebhookUrl: z.string().trim().max(500).optional(),
  })
  .refine((s) => s.recipients.length > 0 || s.slackWebhookUrl, {
    message: 'give at least one recipient, a Slack webhook, or both',
    path: ['recipients'],
  });

const idParam = z.object({ id: rowId });
const tokenQuery = z.object({ token: z.string().min(16).max(100) });

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2933;"><h1 style="font-size:1.3rem;">${title}</h1>${body}</body></html>`;
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Subscriptions: reports that come to their readers by mail or Slack on a schedule (admins and
 * executives), their runs, and the unsubscribe link each recipient gets (no account needed).
 */
export const subscriptionRoutes = new Hono<AppEnv>()
  // A mail scanner may open links: the link shows a button, and only the POST unsubscribes.
  .get('/unsubscribe', validate('query', tokenQuery), respondsHtml('a page whose button unsubscribes'), (c) =>
    c.html(
      page(
        'Unsubscribe from SalesReady',
        `<form method="post"><p>Stop receiving this report by mail?</p><button type="submit" style="font-size:1rem;padding:0.5rem 1rem;">Unsubscribe</button></form>`,
      ),
    ),
  )
  .post(
    '/unsubscribe',
    validate('query', tokenQuery),
    responds(unsubscribed, 200, { html: 'a page saying so, for a browser that accepts text/html' }),
    async (c) => {
      const done = await unsubscribe(c.var.deps.db, c.req.valid('query').token);
      // A person's browser gets a page; a mail client's one-click POST and scripts get the API's answers.
      const wantsPage = c.req.header('accept')?.includes('text/html') === true;
      if (!done) {
        if (!wantsPage)
          throw new AppError('not_found', 'this unsubscribe link does not name any subscription');
        return c.html(
          page('Link not valid', '<p>This unsubscribe link does not name any subscription.</p>'),
          404,
        );
      }
      await audit(c.var.deps.db, null, 'subscription.unsubscribe', `subscription:${done.subscriptionId}`, {
        email: done.email,
      });
      if (!wantsPage) return c.json({ email: done.email, unsubscribed: true });
      return c.html(
        page('Unsubscribed', `<p>${escapeHtml(done.email)} will receive this report no more.</p>`),
      );
    },
  )
  .get('/', validate('query', z.object({}).strict()), responds(subscriptionList), async (c) =>
    c.json({ subscriptions: await listSubscriptions(c.var.deps.db) }),
  )
  .post('/', validate('json', newSubscription), responds(createdId, 201), async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    if (body.recipients.length > 0 && !c.var.deps.mail) {
      throw new AppError(
        'conflict',
        'mail is not set up on this server: set SMTP_URL and MAIL_FROM, or send to Slack only',
      );
    }
    if (body.slackWebhookUrl) {
      const problem = slackWebhookProblem(body.slackWebhookUrl, !c.var.publicOrigin);
      if (problem) {
        throw new AppError('bad_request', `invalid body: slackWebhookUrl ${problem}`, [
          { path: 'body.slackWebhookUrl', message: problem },
        ]);
      }
    }
    const timezone = body.timezone ?? (await readSettings(db)).timezone;
    const id = await createSubscription(
      db,
      secretBox(c.var.deps),
      { ...body, recipients: [...new Set(body.recipients)], timezone },
      c.var.user.id,
    );
    await audit(db, c.var.user.id, 'subscription.create', `subscription:${id}`, {
      kind: body.kind,
      recipients: body.recipients.length,
      slack: Boolean(body.slackWebhookUrl),
      schedule: body.schedule,
    });
    return c.json({ id }, 201);
  })
  .delete('/:id', validate('param', idParam), responds(subscriptionDeleted), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteSubscription(c.var.deps.db, id)))
      throw new AppError('not_found', 'no such subscription');
    await audit(c.var.deps.db, c.var.user.id, 'subscription.delete', `subscription:${id}`);
    return c.json({ id, deleted: true });
  })
  .post('/:id/run', validate('param', idParam), responds(runStarted, 202), async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    const started = await startRun(db, id, 'manual', { now: new Date(), userId: c.var.user.id });
    if (!started) throw new AppError('not_found', 'no such subscription');
    if (started.runId === null)
      return c.json({ runId: null, deliveries: 0, message: 'no new or escalated alerts to send' }, 202);
    await audit(db, c.var.user.id, 'subscription.run', `subscription:${id}`, started);
    c.var.deps.wakeJobs?.();
    return c.json(started, 202);
  })
  .get('/:id/runs', validate('param', idParam), responds(subscriptionRuns), async (c) =>
    c.json({ runs: await listRuns(c.var.deps.db, c.req.valid('param').id) }),
  );
