import { randomBytes } from 'node:crypto';
import { createApp } from '@salesready/api/app';
import type { AppDeps } from '@salesready/api/context';
import { jobServices } from '@salesready/api/jobs/kind';
import { runDueJobs } from '@salesready/api/jobs/runner';
import { formatCount } from '@salesready/api/reports/format';
import { createdId, runStarted, subscriptionList, subscriptionRuns } from '@salesready/api/schemas/responses';
import { type DbHandle, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPdf } from '../helpers/export-files';
import { addUser } from '../helpers/factories';
import { startSlackReceiver, startSmtpServer } from '../helpers/mail-servers';
import { signedInRequest } from '../helpers/test-app';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
type Slack = Awaited<ReturnType<typeof startSlackReceiver>>;

// Reports that come to their readers: real mail through a real SMTP server in this process, Slack's
// webhook format checked at a local receiver, runs and retries through the real job runner.
describeOnBackend('subscriptions: board pack, digest and alerts by mail and Slack', () => {
  let handle: DbHandle;
  let smtp: Smtp;
  let slack: Slack;
  let deps: AppDeps;
  let app: ReturnType<typeof createApp>;
  let admin: string;
  const send = signedInRequest(
    () => app,
    () => admin,
  );
  const json = async (res: Response) => ({ status: res.status, body: await res.json() });
  /** Runs every due job, as the server's timer would, until none is left. */
  const drain = async () => {
    for (let i = 0; i < 20; i++) {
      const report = await runDueJobs(handle.db, { services: jobServices(deps), budgetMs: 20_000 });
      if (report.jobs.length === 0) return;
    }
  };
  const signIn = async (email: string, role: 'admin' | 'board') => {
    await addUser(handle.db, email, 'a long test password', role);
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long test password' }),
    });
    return defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  };
  const create = async (body: Record<string, unknown>) => {
    const res = await json(await send('POST', '/api/subscriptions', body));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    createdId.parse(res.body);
    return res.body.id as number;
  };

  beforeAll(async () => {
    handle = await openTestDb();
    smtp = await startSmtpServer();
    slack = await startSlackReceiver();
    deps = {
      db: handle.db,
      driver: handle.driver,
      version: 'test',
      demo: false,
      localUrl: 'http://localhost:3000',
      mail: { smtpUrl: smtp.url, from: 'SalesReady <reports@example.com>' },
      secretsKeys: { current: randomBytes(32).toString('base64') },
    };
    app = createApp(deps);
    await seedDemo(handle.db, { now: new Date(), leads: 1500 });
    admin = await signIn('admin@example.com', 'admin');
  }, 180_000);
  afterAll(async () => {
    await smtp?.close();
    await slack?.close();
    await handle?.close();
  });

  it('mails the board pack with its PDF, its figures and an expiring link; an unsubscribed reader gets no more', async () => {
    const id = await create({
      kind: 'board-pack',
      name: 'Board',
      recipients: ['chair@example.com', 'Investor@Example.com'],
      schedule: 'after-quarter 5 07:00',
    });
    const listed = subscriptionList.parse(
      (await json(await send('GET', '/api/subscriptions'))).body,
    ).subscriptions;
    expect(listed.find((s) => s.id === id)).toMatchObject({
      kind: 'board-pack',
      recipients: [
        { email: 'chair@example.com', unsubscribed: false },
        { email: 'investor@example.com', unsubscribed: false },
      ],
      slack: false,
    });
    // The 5th working day after a calendar quarter (the demo's fiscal year starts in January) closes.
    const next = new Date(defined(defined(listed.find((s) => s.id === id)).nextRunAt));
    expect([1, 4, 7, 10]).toContain(next.getUTCMonth() + 1);
    expect(next.getUTCDate()).toBeGreaterThanOrEqual(5);
    expect(next.getUTCDate()).toBeLessThanOrEqual(11);
    expect([0, 6]).not.toContain(next.getUTCDay());

    const run = await json(await send('POST', `/api/subscriptions/${id}/run`));
    expect(run).toMatchObject({ status: 202, body: { deliveries: 2 } });
    runStarted.parse(run.body);
    await drain();
    const mails = smtp.received.filter((m) => m.subject?.includes('Board pack'));
    expect(mails.map((m) => m.to && 'text' in m.to && m.to.text).sort()).toEqual([
      'chair@example.com',
      'investor@example.com',
    ]);
    const mail = defined(mails[0]);
    const quarter = defined(defined(/Board pack, (Q\d \d{4})/.exec(defined(mail.subject)))[1]);
    const pdf = defined(mail.attachments.find((a) => a.contentType === 'application/pdf'));
    const facts = await readPdf(pdf.content);
    expect(facts.pages).toBeGreaterThan(3);
    expect(facts.text[0]).toMatch(/board pack/i);
    // The body's figures are the catalogue's for that quarter.
    const label = defined(defined(/salesready-board-pack-(\d{4}-Q\d)\.pdf/.exec(defined(pdf.filename)))[1]);
    expect(facts.text.join(' ')).toContain(label);
    const figures = (await json(await send('GET', `/api/figures?quarter=${label}`))).body.figures;
    const leads = figures.find((f: { id: string }) => f.id === 'leads').value;
    expect(mail.text).toContain(`Leads: ${formatCount(leads)}`);
    expect(mail.html).toContain(formatCount(leads));
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.text).toContain(quarter);
    // The link opens the quarter's read-only view without signing in.
    const share = defined(defined(/http:\/\/localhost:3000\/share\/(\S+)/.exec(defined(mail.text)))[1]);
    expect((await app.request(`/api/share/${share}`)).status).toBe(200);
    // One-click unsubscribe (RFC 8058), then the next run mails the other reader only.
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line ?? '';
    const unsubscribeUrl = new URL(defined(defined(/<([^>]+)>/.exec(header('list-unsubscribe')))[1]));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain(unsubscribeUrl.toString());
    const page = await app.request(`${unsubscribeUrl.pathname}${unsubscribeUrl.search}`);
    expect(await page.text()).toContain('<form method="post">');
    const done = await app.request(`${unsubscribeUrl.pathname}${unsubscribeUrl.search}`, {
      method: 'POST',
      headers: { accept: 'text/html' },
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('will receive this report no more');
    const again = await json(await send('POST', `/api/subscriptions/${id}/run`));
    expect(again.body.deliveries).toBe(1);
    await drain();
    const runs = subscriptionRuns.parse(
      (await json(await send('GET', `/api/subscriptions/${id}/runs`))).body,
    ).runs;
    expect(runs).toHaveLength(2);
    expect(runs[1]?.deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(runs[0]?.deliveries).toHaveLength(1);
  }, 120_000);

  it('sends the digest with the overview’s figures, by mail and to Slack in its block format', async () => {
    const id = await create({
      kind: 'digest',
      recipients: ['ceo@example.com'],
      schedule: '0 7 * * 1',
      timezone: 'America/New_York',
      slackWebhookUrl: slack.url,
    });
    // The webhook is a secret: sealed, never answered.
    const listed = JSON.stringify((await json(await send('GET', '/api/subscriptions'))).body);
    expect(listed).not.toContain(slack.url);
    const [row] = await selectRows<{ hook: string }>(
      handle.db,
      sql`select slack_webhook as hook from subscriptions where id = ${id}`,
    );
    expect(defined(row).hook).toMatch(/^v1\./);
    expect(defined(row).hook).not.toContain('127.0.0.1');

    await send('POST', `/api/subscriptions/${id}/run`);
    await drain();
    const mail = defined(smtp.received.find((m) => m.subject?.includes('Weekly digest')));
    const overview = (await json(await send('GET', '/api/metrics/overview'))).body;
    expect(mail.text).toContain(`Leads: ${formatCount(overview.kpis.leads.value)}`);
    expect(mail.text).toContain(`SRLs: ${formatCount(overview.kpis.salesReady.value)}`);
    expect(mail.text).toMatch(/WARM LEADS NOBODY IS WORKING/);
    expect(mail.text).toContain('http://localhost:3000/pacing');

    const message = defined(slack.received.at(-1));
    expect(typeof message.text).toBe('string');
    expect(message.text).toContain('Weekly digest');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    for (const block of message.blocks) {
      expect(['header', 'section', 'context', 'divider']).toContain(block.type);
      if (block.type === 'section') {
        const text = block.text as { type: string; text: string };
        expect(text.type).toBe('mrkdwn');
        expect(text.text.length).toBeLessThanOrEqual(3000);
      }
    }
    expect(JSON.stringify(message.blocks)).toContain(`Leads: *${formatCount(overview.kpis.leads.value)}*`);
    // The second digest says what changed since the first.
    await send('POST', `/api/subscriptions/${id}/run`);
    await drain();
    expect(defined(smtp.received.filter((m) => m.subject?.includes('Weekly digest')).at(-1)).text).toContain(
      'since last digest',
    );
  }, 120_000);

  it('retries a failed delivery with backoff, then records it as failed with the server’s words', async () => {
    smtp.refuseWith((address) =>
      address === 'bounce@example.com' ? { code: 550, message: 'No such user here' } : null,
    );
    slack.answerWith(() => ({ status: 404, body: 'no_service' }));
    const id = await create({
      kind: 'digest',
      recipients: ['bounce@example.com', 'cfo@example.com'],
      schedule: '0 7 * * 1',
      slackWebhookUrl: slack.url,
    });
    await send('POST', `/api/subscriptions/${id}/run`);
    await drain();
    let [run] = (await json(await send('GET', `/api/subscriptions/${id}/runs`))).body.runs;
    const byRecipient = (r: typeof run) =>
      Object.fromEntries(r.deliveries.map((d: { recipient: string }) => [d.recipient, d]));
    expect(byRecipient(run)['cfo@example.com']).toMatchObject({ status: 'sent' });
    expect(byRecipient(run)['bounce@example.com']).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(byRecipient(run)['bounce@example.com'].error).toMatch(/No such user here/);
    expect(byRecipient(run).Slack).toMatchObject({ status: 'retrying' });
    expect(byRecipient(run).Slack.error).toBe('Slack answered 404: no_service');
    // A transient Slack failure recovers on the next attempt; the bounce stays failed once out of attempts.
    slack.answerWith(() => ({ status: 200, body: 'ok' }));
    for (let attempt = 0; attempt < 6; attempt++) {
      await handle.db.execute(
        sql`update jobs set run_at = now() where kind = 'subscription-delivery' and status in ('queued', 'running')`,
      );
      await drain();
    }
    [run] = (await json(await send('GET', `/api/subscriptions/${id}/runs`))).body.runs;
    console.log(
      JSON.stringify(run.deliveries),
      JSON.stringify(
        await selectRows(
          handle.db,
          sql`select id, kind, status, attempts, run_at, last_error from jobs where kind = 'subscription-delivery' order by id`,
        ),
      ),
    );
    expect(byRecipient(run).Slack).toMatchObject({ status: 'sent', error: null });
    expect(byRecipient(run)['bounce@example.com']).toMatchObject({ status: 'failed', attempts: 6 });
    expect(byRecipient(run)['bounce@example.com'].error).toMatch(/550|No such user here/);
    smtp.refuseWith(() => null);
  }, 120_000);

  it('sends an alert once, not again the same day, and again once it has escalated', async () => {
    const id = await create({ kind: 'alerts', slackWebhookUrl: slack.url, schedule: '0 * * * *' });
    const alerts = (await json(await send('GET', '/api/metrics/alerts'))).body.alerts;
    // The demo quarter runs short of its targets: there is something to send.
    expect(alerts.length).toBeGreaterThan(0);
    const first = await json(await send('POST', `/api/subscriptions/${id}/run`));
    expect(first.status).toBe(202);
    expect(first.body.deliveries).toBe(1);
    await drain();
    expect(defined(slack.received.at(-1)).text).toContain(alerts[0].title.slice(0, 40));
    const again = async () => (await json(await send('POST', `/api/subscriptions/${id}/run`))).body;
    expect(await again()).toMatchObject({ runId: null, deliveries: 0 });
    // Sent yesterday at the same severity: still nothing new. Sent yesterday as a mere note: it escalated.
    const top = alerts.find((a: { severity: string }) => a.severity !== 'info');
    expect(top, 'the demo has a warning or critical alert').toBeDefined();
    const backdate = (severity: string) =>
      handle.db.execute(sql`update alert_notices set day = day - 1, severity = ${severity}
        where subscription_id = ${id} and alert_id = ${top.id}`);
    await backdate(top.severity);
    expect(await again()).toMatchObject({ runId: null, deliveries: 0 });
    await backdate('info');
    const escalated = await again();
    expect(escalated.deliveries).toBe(1);
    const [run] = await selectRows<{ content: string }>(
      handle.db,
      sql`select content from subscription_runs where id = ${escalated.runId}`,
    );
    expect(JSON.parse(defined(run).content).alerts.map((a: { id: string }) => a.id)).toEqual([top.id]);
    const notices = await selectRows<{ n: number | string }>(
      handle.db,
      sql`select count(*) as n from alert_notices where subscription_id = ${id} and alert_id = ${top.id}`,
    );
    expect(Number(defined(notices[0]).n)).toBe(2);
    expect(
      (await json(await send('POST', '/api/subscriptions/999999/run'))).status,
      'a subscription that does not exist',
    ).toBe(404);
  }, 120_000);

  it('refuses what it cannot deliver, with the reason and where', async () => {
    const bad = await json(
      await send('POST', '/api/subscriptions', {
        kind: 'digest',
        recipients: ['x@example.com'],
        schedule: '0 7 * *',
      }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/five fields/);
    const none = await json(
      await send('POST', '/api/subscriptions', { kind: 'digest', schedule: '0 7 * * 1' }),
    );
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toMatch(/at least one recipient/);
    const notSlack = await json(
      await send('POST', '/api/subscriptions', {
        kind: 'alerts',
        schedule: '0 7 * * 1',
        slackWebhookUrl: 'https://example.com/hook',
      }),
    );
    expect(notSlack.status).toBe(400);
    expect(JSON.stringify(notSlack.body)).toMatch(/hooks\.slack\.com/);
    // Without SMTP_URL the server says so instead of queueing mail that cannot leave.
    const mailless = createApp({ ...deps, mail: undefined });
    const res = await mailless.request('/api/subscriptions', {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'digest', recipients: ['x@example.com'], schedule: '0 7 * * 1' }),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/SMTP_URL/);
    // The board reads reports; it does not decide who gets them.
    const board = await signIn('board@example.com', 'board');
    expect((await send('GET', '/api/subscriptions', undefined, board)).status).toBe(403);
    // An unknown unsubscribe token names nothing.
    expect(
      (await app.request('/api/subscriptions/unsubscribe?token=aaaaaaaaaaaaaaaaaaaaaaaa', { method: 'POST' }))
        .status,
    ).toBe(404);
  });
});
