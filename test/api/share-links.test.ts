import { createHash } from 'node:crypto';
import { defined } from '@salesready/db/defined';
import { auditLog, leads, shareLinks } from '@salesready/db/schema/index';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readChunks, readPdf } from '../helpers/export-files';
import { insertTargets } from '../helpers/pacing-fixtures';
import { cookieFor } from '../helpers/pacing-session';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const quarter = '2026-Q1';

// Lead-level details the visitor must never see, written on the fixture's leads.
const secrets = {
  company: 'Zeta Confidential Corp',
  owner: 'Olga Ownerova',
  reason: 'Secret pricing dispute',
};
const drivers = ['volume', 'conversion', 'speed', 'opportunityRate', 'winRate'];

const leadLevelKeys = new Set([
  'company',
  'externalId',
  'email',
  'owner',
  'byOwner',
  'leadId',
  'id',
  'sourceId',
  'campaign',
  'reasons',
  'disqualifyReason',
  'frozenBy',
]);

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

/** The fields of `full` the shared view also carries, so each is compared by value. */
const like = <T extends object>(shown: T, full: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(shown).map((k) => [k, full[k]]));

describeOnBackend('share links to one quarter’s board pack', () => {
  let t: TestApp;
  let admin: string;
  let executive: string;
  let board: string;

  const create = (cookie: string, body: unknown) =>
    t.app.request('/api/reports/share-links', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const revoke = (cookie: string, id: number) =>
    t.app.request(`/api/reports/share-links/${id}`, {
      method: 'DELETE',
      headers: { cookie, origin: 'http://localhost' },
    });
  // A visitor: no cookie at all.
  const visit = (path: string) => t.app.request(path);
  const expectGone = async (res: Response) => {
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({
      code: 'not_found',
      message: 'this link does not exist or is no longer valid',
    });
  };

  beforeAll(async () => {
    t = await openTestApp();
    const { paid, partner } = await seedQuarterFixture(t.handle.db);
    // Leads targets: Paid search ends 3 short of its 8 (5 created), Partner referrals 1 ahead of its 2 (3).
    await insertTargets(t.handle.db, [
      { quarter: '2026-Q1', metric: 'leads', value: 10 },
      { quarter: '2026-Q1', metric: 'leads', sourceId: paid, value: 8 },
      { quarter: '2026-Q1', metric: 'leads', sourceId: partner, value: 2 },
    ]);
    await t.handle.db.update(leads).set({
      company: sql`${secrets.company} || ' ' || ${leads.externalId}`,
      owner: secrets.owner,
      disqualifyReason: secrets.reason,
    });
    admin = await cookieFor(t, 'admin');
    executive = await cookieFor(t, 'executive');
    board = await cookieFor(t, 'board');
    // The quarter is over and an admin has frozen it for the board: the link shows the snapshot.
    const frozen = await t.app.request(`/api/reports/freeze?quarter=${quarter}`, {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost' },
    });
    expect(frozen.status).toBe(200);
  }, 60_000);
  afterAll(() => t?.close());

  let token: string;
  let id: number;

  it('is made by an executive for a quarter and a number of days, shown once, stored as SHA-256', async () => {
    const started = Date.now();
    const res = await create(executive, { quarter, days: 14, label: 'Board meeting' });
    expect(res.status).toBe(201);
    const link = await res.json();
    token = link.token;
    id = link.id;
    expect(token).toMatch(/^srl_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(link).toMatchObject({
      quarter,
      label: 'Board meeting',
      createdBy: 'executive',
      opens: 0,
      revokedAt: null,
    });
    const lifetime = new Date(link.expiresAt).getTime() - started;
    expect(lifetime).toBeGreaterThan(14 * 86_400_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(14 * 86_400_000 + 60_000);

    const [row] = await t.handle.db.select().from(shareLinks).where(eq(shareLinks.id, id));
    expect(defined(row).tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    // The list shows who made it and when it ends, never the token.
    const list = await (
      await t.app.request('/api/reports/share-links', { headers: { cookie: board } })
    ).json();
    expect(list.links).toHaveLength(1);
    expect(list.links[0]).toMatchObject({ id, quarter, createdBy: 'executive', lastOpenedAt: null });
    expect(list.links[0]).not.toHaveProperty('token');
  });

  it('refuses the board, bad days and a malformed quarter', async () => {
    expect((await create(board, { quarter, days: 7 })).status).toBe(403);
    for (const body of [
      { quarter, days: 0 },
      { quarter, days: 91 },
      { quarter, days: 1.5 },
      { quarter: '2026-Q5', days: 7 },
      { quarter, days: 7, label: 'x'.repeat(101) },
    ]) {
      expect((await create(admin, body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('opens the quarter’s figures and PDF without a session, and logs every opening', async () => {
    const res = await visit(`/api/share/${token}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.quarter).toEqual({ label: quarter, from: '2025-02-01', to: '2025-05-01' });
    expect(body.kpis.leads.value).toBe(8);
    expect(body.kpis.salesReady.value).toBe(5);
    expect(body.kpis.wonRevenue.value).toBe(1500);
    expect(body.status.state).toBe('closed');

    const pdf = await visit(`/api/share/${token}/board-pack.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const facts = await readPdf((await readChunks(pdf)).bytes);
    expect(facts.text[0]).toContain(`Fiscal quarter ${quarter}`);
    expect(facts.text.join(' ')).toContain('Leads 8');

    const opened = await t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'share.open'))
      .orderBy(asc(auditLog.id));
    expect(opened.map((e) => [e.userId, e.target, JSON.parse(defined(e.details)).what])).toEqual([
      [null, `share-link:${id}`, 'figures'],
      [null, `share-link:${id}`, 'board-pack.pdf'],
    ]);
    const [row] = await t.handle.db.select().from(shareLinks).where(eq(shareLinks.id, id));
    expect(defined(row).opens).toBe(2);
    expect(defined(defined(row).lastOpenedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shows every section of the PDF with the same figures as the metrics endpoints, aggregated only', async () => {
    const res = await visit(`/api/share/${token}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const shared = JSON.parse(text);
    const metrics = async (path: string) => {
      const r = await t.app.request(`/api/metrics/${path}`, { headers: { cookie: admin } });
      expect(r.status, path).toBe(200);
      return r.json();
    };
    const q = `quarter=${quarter}`;
    const [overview, sources, attribution, funnel, handoff, pacing] = await Promise.all([
      metrics(`overview?${q}`),
      metrics(`sources?${q}&view=period`),
      metrics(`attribution?${q}`),
      metrics(`funnel?${q}&view=cohort`),
      metrics(`handoff?${q}`),
      metrics(`pacing?${q}`),
    ]);

    // A closed quarter: the frozen snapshot, said to be so, with when and how fresh.
    expect(shared.status).toEqual({
      state: 'closed',
      frozenAt: expect.any(String),
      hash: expect.any(String),
    });
    expect(shared.figuresAsOf).toBe(shared.status.frozenAt);
    expect(Date.parse(shared.freshness)).not.toBeNaN();
    expect([shared.previous.label, shared.yearAgo.label]).toEqual(['2025-Q4', '2025-Q1']);

    expect(shared.kpis).toEqual(overview.kpis);
    expect(Object.keys(shared.details)).toHaveLength(10);
    expect(shared.details).toEqual(like(shared.details, overview.details));

    // Sources in the period view, hand-computed: 5 + 3 leads, 4 + 1 SRLs, 500 + 1000 won.
    expect(shared.sources.rows.map((r: { source: string }) => r.source)).toEqual(
      sources.rows.map((r: { source: string }) => r.source),
    );
    expect(Object.keys(shared.sources.rows[0]).sort()).toEqual(
      [
        'source',
        'category',
        'leads',
        'salesReady',
        'salesReadyRate',
        'salesReadyToOpportunity',
        'opportunityToWon',
        'opportunities',
        'won',
        'revenue',
        'spend',
        'costPerSalesReady',
        'medianDaysToSalesReady',
        'p75DaysToSalesReady',
        'medianDaysToWon',
      ].sort(),
    );
    shared.sources.rows.forEach((row: Record<string, unknown>, i: number) => {
      expect(row).toEqual(like(row, sources.rows[i]));
    });
    expect(shared.sources.totals).toEqual(like(shared.sources.totals, sources.totals));
    const bySource = Object.fromEntries(
      shared.sources.rows.map((r: { source: string; leads: number; salesReady: number; revenue: number }) => [
        r.source,
        [r.leads, r.salesReady, r.revenue],
      ]),
    );
    expect(bySource['Paid search']).toEqual([5, 4, 500]);
    expect(bySource['Partner referrals']).toEqual([3, 1, 1000]);
    // The same contribution, per source too (the shared view names sources, not their ids).
    expect(shared.marketing).toEqual({
      ...attribution.marketing,
      bySource: attribution.marketing.bySource.map(
        ({ sourceId: _id, ...rest }: { sourceId: number }) => rest,
      ),
    });
    expect(shared.marketing.revenue).toMatchObject({ total: 1500, sourced: 500, sourcedShare: 1 / 3 });
    expect(shared.attribution.totals).toEqual(attribution.totals);
    shared.attribution.rows.forEach((row: Record<string, unknown>, i: number) => {
      expect(row).toEqual(like(row, attribution.rows[i]));
    });

    // The funnel in the cohort view: the 8 leads created in the quarter, followed to today.
    expect(shared.funnel.stages).toEqual(funnel.stages);
    expect(shared.funnel.exits).toEqual(funnel.exits);
    expect(shared.funnel.anomalies).toEqual(like(shared.funnel.anomalies, funnel.anomalies));
    expect(shared.funnel.stages[0]).toMatchObject({ stage: 'lead', count: 8 });

    // Cohorts: the eight fiscal quarters up to this one.
    const range = shared.cohortRange;
    expect(range.label).toBe(`2024-Q2..${quarter}`);
    const cohorts = await metrics(`cohorts?from=${range.from}&to=${range.to}&grain=quarter`);
    expect(shared.cohorts).toHaveLength(8);
    shared.cohorts.forEach((row: Record<string, unknown>, i: number) => {
      expect(row).toEqual(like(row, cohorts.cohorts[i]));
    });
    expect(shared.cohorts.at(-1)).toMatchObject({ label: quarter, leads: 8 });

    expect(shared.handoff).toEqual({
      slaHours: handoff.slaHours,
      stalledDays: handoff.stalledDays,
      overall: like(shared.handoff.overall, handoff.overall),
      neglected: handoff.neglected,
      stalled: handoff.stalled,
    });
    expect(shared.handoff.overall.salesReady).toBe(5);

    for (const metric of ['leads', 'salesReady', 'pipeline', 'revenue']) {
      const mine = shared.pacing.metrics[metric];
      const theirs = pacing.metrics[metric];
      expect(mine.overall, metric).toEqual(like(mine.overall, theirs.overall));
      expect(mine.closing, metric).toEqual(theirs.closing && like(mine.closing, theirs.closing));
    }
    expect(shared.pacing.daysInQuarter).toBe(pacing.daysInQuarter);
    // The quarter has ended: the answer says so and carries no projection, range, pace or closing.
    expect(pacing.closed).toBe(true);
    expect(shared.pacing.closed).toBe(true);
    for (const metric of ['leads', 'salesReady', 'pipeline', 'revenue']) {
      const mine = shared.pacing.metrics[metric];
      expect(Object.keys(mine.overall).sort(), metric).toEqual(['actualToDate', 'gap', 'target']);
      expect(mine.closing, metric).toBeNull();
      if (mine.overall.target !== null) {
        expect(mine.overall.gap, metric).toBe(mine.overall.target - mine.overall.actualToDate);
      }
    }
    expect(text).not.toMatch(/"projection(Low|High)?"|"expectedToDate"|"pacing":\s*-?\d/);
    // Leads: 8 against 10, short by 2 = Paid search's 3 short (100% of the gap) − Partner referrals' 1 ahead.
    expect(shared.pacing.metrics.leads.overall).toEqual({ target: 10, actualToDate: 8, gap: 2 });
    expect(shared.pacing.metrics.leads.explained).toEqual({
      shortfall: 3,
      offset: 1,
      coveredBy: [{ source: 'Partner referrals', surplus: 1 }],
      largest: { source: 'Paid search', shareOfGap: 1, cause: expect.toBeOneOf([null, ...drivers]) },
    });

    // Aggregates only: no lead, company, owner or reason, under any key or in any value (the
    // session's hand-off figures do name the owner, so the data is there to leak).
    expect(JSON.stringify(handoff.byOwner)).toContain(secrets.owner);
    expect(keysOf(shared).filter((k) => leadLevelKeys.has(k))).toEqual([]);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"L\d+"/);
    expect(text).not.toContain('@example.com');
  });

  it('reaches nothing but its own quarter: no other quarter, no other route', async () => {
    const other = await visit(`/api/share/${token}/board-pack.pdf?quarter=2026-Q2`);
    // The query is ignored: the link's quarter is the only one it serves.
    expect(other.status).toBe(200);
    expect((await readPdf((await readChunks(other)).bytes)).text[0]).toContain(`Fiscal quarter ${quarter}`);
    for (const path of [
      `/api/share/${token}/commentary`,
      `/api/share/${token}/../reports/board-pack.pdf`,
      `/api/share/${token}/exports/leads.csv`,
    ]) {
      expect((await visit(path)).status, path).toBe(404);
    }
    // The token is no session: the rest of the API still wants one.
    for (const path of ['/api/metrics/overview', '/api/reports/board-pack.pdf', '/api/leads']) {
      const res = await t.app.request(path, {
        headers: { cookie: `sr_session=${token}`, authorization: `Bearer ${token}` },
      });
      expect(res.status, path).toBe(401);
    }
  });

  it('refuses forged and unknown tokens with the uniform 404', async () => {
    const forged = `srl_${Buffer.alloc(32, 7).toString('base64url')}`;
    // The real token with its last character changed (to another one, whatever it was).
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [forged, altered, 'srl_short', token.toUpperCase(), 'x'.repeat(150)]) {
      await expectGone(await visit(`/api/share/${bad}`));
      await expectGone(await visit(`/api/share/${bad}/board-pack.pdf`));
    }
  });

  it('stops working once revoked, audited; revoking again changes nothing', async () => {
    expect((await revoke(board, id)).status).toBe(403);
    const res = await revoke(admin, id);
    expect(res.status).toBe(200);
    expect((await res.json()).revokedAt).not.toBeNull();
    await expectGone(await visit(`/api/share/${token}`));
    await expectGone(await visit(`/api/share/${token}/board-pack.pdf`));
    expect((await revoke(executive, id)).status).toBe(200);
    const revocations = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'share.revoke'));
    expect(revocations.map((e) => e.target)).toEqual([`share-link:${id}`]);
    expect((await revoke(admin, 999_999)).status).toBe(404);
  });

  it('stops working once expired', async () => {
    const link = await (await create(admin, { quarter, days: 1 })).json();
    expect((await visit(`/api/share/${link.token}`)).status).toBe(200);
    await t.handle.db
      .update(shareLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(shareLinks.id, link.id));
    await expectGone(await visit(`/api/share/${link.token}`));
    await expectGone(await visit(`/api/share/${link.token}/board-pack.pdf`));
    const created = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'share.create'));
    expect(created.map((e) => e.target)).toEqual([`share-link:${id}`, `share-link:${link.id}`]);
  });

  it('says when a quarter is still open: live figures, read now, equal to the overview', async () => {
    const current = await (
      await t.app.request('/api/metrics/overview', { headers: { cookie: admin } })
    ).json();
    const link = await (await create(admin, { quarter: current.period.label, days: 1 })).json();
    const before = Date.now();
    const shared = await (await visit(`/api/share/${link.token}`)).json();
    expect(shared.quarter).toEqual(current.period);
    expect(shared.status).toEqual({ state: 'open' });
    expect(Date.parse(shared.figuresAsOf)).toBeGreaterThanOrEqual(before - 1000);
    expect(shared.daysElapsed).toBe(current.daysElapsed);
    expect(shared.kpis).toEqual(current.kpis);
  });
});
