import { createHash } from 'node:crypto';
import { defined } from '@salesready/db/defined';
import { auditLog, reportSnapshots, spend } from '@salesready/db/schema/index';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PdfFacts, readChunks, readPdf } from '../helpers/export-files';
import { addSpend } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Fiscal quarter 2026-Q1 of the fixture (February to April 2025) is long over: an admin freezes its pack.
const closed = '2026-Q1';
// The time of generation is the one thing that may differ between two prints of the same figures.
const withoutTimes = (pdf: PdfFacts) =>
  pdf.text.map((page) => page.replace(/Generated \d{1,2} \w+ \d{4} at \d\d:\d\d/g, 'Generated …'));

describeOnBackend('frozen board pack figures and the restatement view', () => {
  let t: TestApp;
  let admin: string;
  let executive: string;
  let board: string;
  let paid: number;

  const get = (path: string, cookie: string) => t.app.request(path, { headers: { cookie } });
  const pdfOf = async (quarter: string, cookie: string) => {
    const res = await get(`/api/reports/board-pack.pdf?quarter=${quarter}`, cookie);
    expect(res.status).toBe(200);
    return readPdf((await readChunks(res)).bytes);
  };
  const snapshot = async () =>
    (await t.handle.db.select().from(reportSnapshots).where(eq(reportSnapshots.quarter, closed)))[0];
  const refreeze = (cookie: string, quarter = closed) =>
    t.app.request(`/api/reports/freeze?quarter=${quarter}`, {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    });

  beforeAll(async () => {
    t = await openTestApp();
    ({ paid } = await seedQuarterFixture(t.handle.db));
    // Paid search spent 1,000 in February 2025: its leads in the quarter are L1 L7 L9 L10 L11 (5), its
    // SRLs in the quarter L1 L6 L7 L10 (4); the company had 8 leads and 5 SRLs in the quarter.
    await addSpend(t.handle.db, paid, '2025-02-01', 1000);
    admin = await cookieFor(t, 'admin');
    executive = await cookieFor(t, 'executive');
    board = await cookieFor(t, 'board');
  }, 60_000);
  afterAll(() => t?.close());

  let first: PdfFacts;

  it('freezes nothing when a closed quarter is read, downloaded or shared: the pack says it is not frozen yet', async () => {
    expect(await snapshot()).toBeUndefined();
    const before = await (await get(`/api/reports/freeze?quarter=${closed}`, board)).json();
    expect(before).toMatchObject({ quarter: closed, state: 'closed', frozen: null });
    expect(before.current).toMatch(/^\d{4}-Q[1-4]$/);
    const live = await pdfOf(closed, board);
    expect(live.text[0]).toContain('Not frozen yet: the quarter has ended');
    const link = await t.app.request('/api/reports/share-links', {
      method: 'POST',
      headers: { cookie: executive, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ quarter: closed, days: 7 }),
    });
    const shared = await (await t.app.request(`/api/share/${(await link.json()).token}`)).json();
    expect(shared.status).toEqual({ state: 'unfrozen' });
    expect(await snapshot()).toBeUndefined();
    expect(await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'report.freeze'))).toEqual([]);
  });

  it('freezes a closed quarter when an admin asks, with a SHA-256 of canonical JSON', async () => {
    for (const cookie of [executive, board]) expect((await refreeze(cookie)).status).toBe(403);
    expect((await refreeze(admin)).status).toBe(200);
    first = await pdfOf(closed, board);
    const row = defined(await snapshot());
    expect(row.hash).toBe(createHash('sha256').update(row.figures).digest('hex'));
    // Canonical: keys sorted at every level, no whitespace; parsing and writing it again changes nothing.
    const figures = JSON.parse(row.figures);
    expect(Object.keys(figures)).toEqual([...Object.keys(figures)].sort());
    expect(Object.keys(figures.kpis.leads)).toEqual(['previous', 'value', 'yearAgo']);
    expect(row.figures).not.toMatch(/\n|": /);
    expect(figures.kpis.leads.value).toBe(8);
    expect(figures.kpis.salesReady.value).toBe(5);
    expect(figures).not.toHaveProperty('generatedAt');

    const cover = defined(first.text[0]);
    expect(cover).toContain(`Figures frozen on `);
    expect(cover).toContain(`hash ${row.hash.slice(0, 12)}`);
    expect(cover).toMatch(/Figures frozen on \d{1,2} \w+ \d{4} at \d\d:\d\d \(America\/New_York\) by admin/);
    const summary = defined(first.text.find((p) => p.includes('Executive summary') && p.includes('Leads 8')));
    expect(summary).toContain('Leads 8');
    expect(first.text.join(' ')).toContain('Paid search marketing 5 4 60.0% 0.0% — 1 $500 $1,000 $250');

    const status = await (await get(`/api/reports/freeze?quarter=${closed}`, executive)).json();
    expect(status).toMatchObject({
      quarter: closed,
      state: 'closed',
      frozen: { hash: row.hash, frozenBy: 'admin' },
    });
    const audits = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'report.freeze'));
    expect(audits).toHaveLength(1);
    expect(defined(audits[0]).target).toBe(`quarter:${closed}`);
    expect(JSON.parse(defined(defined(audits[0]).details))).toEqual({ hash: row.hash });
  });

  it('prints the same figures again after the data changed, and keeps the hash', async () => {
    const { hash } = defined(await snapshot());
    await t.handle.db.update(spend).set({ amount: 1600 }).where(eq(spend.sourceId, paid));
    const again = await pdfOf(closed, executive);
    expect(again.pages).toBe(first.pages);
    expect(withoutTimes(again)).toEqual(withoutTimes(first));
    // Cost per SRL of Paid search as frozen: 1,000 ÷ 4; today it would be 1,600 ÷ 4 = $400.
    expect(again.text.join(' ')).toContain('$1,000 $250');
    expect(again.text.join(' ')).not.toContain('$1,600');
    expect(defined(await snapshot()).hash).toBe(hash);
  });

  it('lists exactly the figures that changed since the freeze, with their frozen and current values', async () => {
    const res = await get(`/api/reports/restatement?quarter=${closed}`, board);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.state).toBe('closed');
    expect(body.frozen.hash).toBe(defined(await snapshot()).hash);
    const rows = [...body.rows].sort((a, b) =>
      `${a.figure}${a.source}`.localeCompare(`${b.figure}${b.source}`),
    );
    // Spend 1,000 → 1,600 for Paid search (5 leads, 4 SRLs), for its category (the only marketing
    // source) and for the company (8 leads, 5 SRLs: the totals divide by every lead), cost per won deal
    // with them (one won deal in Paid search, two in the company). Nothing else.
    expect(rows).toEqual([
      {
        figure: 'sources › by category › marketing › cost per lead',
        source: 'All sources',
        frozen: 200,
        current: 320,
        change: 120,
      },
      {
        figure: 'sources › by category › marketing › cost per sales ready',
        source: 'All sources',
        frozen: 250,
        current: 400,
        change: 150,
      },
      {
        figure: 'sources › by category › marketing › cost per won',
        source: 'All sources',
        frozen: 1000,
        current: 1600,
        change: 600,
      },
      {
        figure: 'sources › by category › marketing › spend',
        source: 'All sources',
        frozen: 1000,
        current: 1600,
        change: 600,
      },
      {
        figure: 'sources › rows › cost per lead',
        source: 'Paid search',
        frozen: 200,
        current: 320,
        change: 120,
      },
      {
        figure: 'sources › rows › cost per sales ready',
        source: 'Paid search',
        frozen: 250,
        current: 400,
        change: 150,
      },
      {
        figure: 'sources › rows › cost per won',
        source: 'Paid search',
        frozen: 1000,
        current: 1600,
        change: 600,
      },
      { figure: 'sources › rows › spend', source: 'Paid search', frozen: 1000, current: 1600, change: 600 },
      {
        figure: 'sources › totals › cost per lead',
        source: 'All sources',
        frozen: 125,
        current: 200,
        change: 75,
      },
      {
        figure: 'sources › totals › cost per sales ready',
        source: 'All sources',
        frozen: 200,
        current: 320,
        change: 120,
      },
      {
        figure: 'sources › totals › cost per won',
        source: 'All sources',
        frozen: 500,
        current: 800,
        change: 300,
      },
      { figure: 'sources › totals › spend', source: 'All sources', frozen: 1000, current: 1600, change: 600 },
    ]);
  });

  it('lets an admin freeze again, audited, after which the pack prints today’s figures', async () => {
    const old = defined(await snapshot()).hash;
    const res = await refreeze(admin);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ quarter: closed, state: 'closed', frozenBy: 'admin' });
    expect(body.hash).not.toBe(old);
    expect(defined(await snapshot()).hash).toBe(body.hash);
    const [entry] = await t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'report.refreeze'))
      .orderBy(asc(auditLog.id));
    expect(JSON.parse(defined(defined(entry).details))).toEqual({ previousHash: old, hash: body.hash });

    expect((await (await get(`/api/reports/restatement?quarter=${closed}`, board)).json()).rows).toEqual([]);
    const pdf = await pdfOf(closed, board);
    expect(pdf.text.join(' ')).toContain('$1,600 $400');
    expect(pdf.text[0]).toContain(`hash ${body.hash.slice(0, 12)}`);
  });

  it('gives the same hash when the unchanged figures are frozen again', async () => {
    const before = defined(await snapshot());
    const res = await refreeze(admin);
    expect((await res.json()).hash).toBe(before.hash);
    expect(defined(await snapshot()).figures).toBe(before.figures);
  });

  it('never freezes an open quarter, and says so in the pack', async () => {
    const overview = await (await get('/api/metrics/overview', board)).json();
    const open = overview.period.label as string;
    const pdf = await pdfOf(open, board);
    expect(pdf.text[0]).toContain('Not frozen: the quarter is still open');
    expect(await t.handle.db.select().from(reportSnapshots).where(eq(reportSnapshots.quarter, open))).toEqual(
      [],
    );
    expect(await (await get('/api/reports/freeze', board)).json()).toEqual({
      quarter: open,
      current: open,
      state: 'open',
      frozen: null,
    });
    const refused = await refreeze(admin, open);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('conflict');
    const restatement = await (await get(`/api/reports/restatement?quarter=${open}`, board)).json();
    expect(restatement).toEqual({ quarter: open, state: 'open', frozen: null, rows: [] });
  });
});
