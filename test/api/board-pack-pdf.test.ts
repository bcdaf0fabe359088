import { readFileSync } from 'node:fs';
import { definitionGroups } from '@salesready/api/reports/board-pack/definitions';
import { defined } from '@salesready/db/defined';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PdfFacts, plainWords, readChunks, readPdf } from '../helpers/export-files';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Figures as a reader sees them, formatted here independently of the product.
const count = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const usd = (n: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const days = (d: number) => `${d.toFixed(1)} d`;
const relative = (value: number, base: number) => {
  const change = (value - base) / Math.abs(base);
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${(Math.abs(change) * 100).toFixed(1)}%`;
};

type Figure = { value: number | null; previous: number | null; yearAgo: number | null };

describeOnBackend('GET /api/reports/board-pack.pdf', () => {
  let t: TestApp;
  let cookie: string;
  let quarter: string;
  let pdf: PdfFacts;
  let res: Response;
  const all = () => pdf.text.join(' ');

  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.handle.db, { now: new Date(), leads: 6000 });
    cookie = await cookieFor(t, 'board');
    const overview = await (await t.app.request('/api/metrics/overview', { headers: { cookie } })).json();
    quarter = overview.period.label;
    res = await t.app.request(`/api/reports/board-pack.pdf?quarter=${quarter}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    pdf = await readPdf((await readChunks(res)).bytes);
  }, 240_000);
  afterAll(() => t?.close());

  it('is an A4 document of several pages, named after the quarter', () => {
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="salesready-board-pack-${quarter}.pdf"`,
    );
    expect(pdf.pages).toBeGreaterThan(1);
    for (const [width, height] of pdf.sizes) {
      expect(width).toBeCloseTo(595.28, 1);
      expect(height).toBeCloseTo(841.89, 1);
    }
  });

  it('is vector text throughout: every page has text, nothing is an image', () => {
    expect(pdf.imageOps).toBe(0);
    for (const text of pdf.text) expect(text.length).toBeGreaterThan(100);
  });

  it('carries the fiscal quarter and its page number on every page', () => {
    pdf.text.forEach((text, i) => {
      expect(text).toContain(`Fiscal quarter ${quarter}`);
      expect(text).toContain(`Page ${i + 1} of ${pdf.pages}`);
    });
    expect(pdf.text[0]).toContain('Board pack');
    expect(pdf.text[0]).toMatch(/Data freshness latest lead update \d{1,2} \w+ \d{4} at \d\d:\d\d/);
  });

  it('states the KPIs as the API computes them for the quarter, with their QoQ and YoY changes', async () => {
    const body = await (
      await t.app.request(`/api/metrics/overview?quarter=${quarter}`, { headers: { cookie } })
    ).json();
    const kpis = body.kpis as Record<string, Figure>;
    const details = body.details as Record<string, Figure>;
    const summary = defined(pdf.text[1]);
    expect(summary).toContain('Executive summary');
    expect(summary).toContain(`Leads ${count(defined(defined(kpis.leads).value))}`);
    expect(summary).toContain(`SRLs ${count(defined(defined(kpis.salesReady).value))}`);
    expect(summary).toContain(`SRL rate ${pct(defined(defined(kpis.salesReadyRate).value))}`);
    expect(summary).toContain(
      `Median days to SRL ${days(defined(defined(kpis.medianDaysToSalesReady).value))}`,
    );
    expect(summary).toContain(`Open pipeline ${usd(defined(defined(details.pipeline).value))}`);
    expect(summary).toContain(`Won revenue ${usd(defined(defined(kpis.wonRevenue).value))}`);
    expect(summary).toContain(usd(defined(defined(details.pipeline).value)));
    expect(summary).toContain(`Opportunities ${count(defined(defined(details.opportunities).value))}`);
    expect(summary).toContain(`Win rate ${pct(defined(defined(details.winRate).value))}`);
    const leads = defined(kpis.leads);
    // The quarter is in progress: each comparison says it is cut to the same day.
    const at = ` at day ${body.daysElapsed}`;
    expect(summary).toContain(
      `vs ${body.previous.label}${at} ${relative(defined(leads.value), defined(leads.previous))} (was ${count(defined(leads.previous))})`,
    );
    expect(summary).toContain(
      `vs ${body.yearAgo.label}${at} ${relative(defined(leads.value), defined(leads.yearAgo))} (was ${count(defined(leads.yearAgo))})`,
    );
  });

  it('shows the pipeline gap and the projection with its range as the pacing endpoint computes them', async () => {
    const pacing = await (
      await t.app.request(`/api/metrics/pacing?quarter=${quarter}`, { headers: { cookie } })
    ).json();
    const srl = pacing.metrics.salesReady.overall;
    const text = all();
    expect(text).toContain('Pacing and the gap');
    expect(text).toContain(
      `SRLs ${srl.target === null ? '—' : count(srl.target)} ${count(Math.round(srl.actualToDate))}`,
    );
    expect(text).toContain(
      `${count(Math.round(srl.projectionLow))} – ${count(Math.round(srl.projectionHigh))}`,
    );
    if (srl.gap !== null) expect(text).toContain(count(Math.round(srl.gap)));
  });

  it('prints the quarter’s pipeline movements as the waterfall endpoint computes them, adding up', async () => {
    const { overall: o } = await (
      await t.app.request(`/api/metrics/pipeline-waterfall?quarter=${quarter}`, { headers: { cookie } })
    ).json();
    const at = all().indexOf('Pipeline movement in the quarter');
    expect(at).toBeGreaterThan(0);
    const text = all().slice(at);
    const rows: [string, string, number, number | null][] = [
      ['Pipeline at the start', '', o.starting, null],
      ['New pipeline', '+ ', o.new, o.deals.new],
      ['Pulled in', '+ ', o.pulledIn, o.deals.pulledIn],
      ['Pushed out', '− ', o.pushedOut, o.deals.pushedOut],
      ['Increased', '+ ', o.increased, o.deals.increased],
      ['Decreased', '− ', o.decreased, o.deals.decreased],
      ['Pipeline won', '− ', o.won, o.deals.won],
      ['Pipeline lost', '− ', o.lost, o.deals.lost],
      ['Pipeline at the end', '', o.ending, null],
    ];
    for (const [name, sign, amount, deals] of rows) {
      expect(text).toContain(`${name} ${sign}${usd(amount)}${deals === null ? '' : ` ${count(deals)}`}`);
    }
    expect(
      o.starting + o.new + o.pulledIn - o.pushedOut + o.increased - o.decreased - o.won - o.lost,
    ).toBeCloseTo(o.ending, 2);
  });

  it('explains the gap with shares of the short sources only, never above 100%', () => {
    const explained = all().slice(all().indexOf('The gap explained'));
    const shares = [...explained.matchAll(/\((\d+(?:\.\d)?)% of the gap/g)].map((m) => Number(m[1]));
    for (const share of shares) expect(share).toBeLessThanOrEqual(100);
  });

  it('prints a closed quarter as closed: actual against target, no projection, range or pace', async () => {
    const [year, q] = quarter.split('-Q').map(Number) as [number, number];
    const previous = q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
    const closed = await t.app.request(`/api/reports/board-pack.pdf?quarter=${previous}`, {
      headers: { cookie },
    });
    expect(closed.status).toBe(200);
    const facts = await readPdf((await readChunks(closed)).bytes);
    const text = facts.text.join(' ');
    const pacing = await (
      await t.app.request(`/api/metrics/pacing?quarter=${previous}`, { headers: { cookie } })
    ).json();
    expect(pacing.closed).toBe(true);
    expect(text).toContain('Pacing and the gap');
    expect(text).toContain('Quarter closed');
    const srl = pacing.metrics.salesReady.overall;
    expect(text).toContain(`SRLs ${count(srl.target)} ${count(srl.actualToDate)}`);
    expect(srl.gap).toBe(srl.target - srl.actualToDate);
    expect(text).toContain(
      srl.gap > 0 ? `short by ${count(srl.gap)}` : srl.gap < 0 ? `ahead by ${count(-srl.gap)}` : 'on target',
    );
    // No projection block, no range (not even an empty "4,419 – 4,419"), no pace, nothing to close:
    // anywhere in the pack, definitions included; the summary page has no "range" at all.
    for (const words of [
      /projection/i,
      /projected/i,
      /P10/,
      /expected to date/i,
      /Closing it takes/,
      /weeks remaining/,
      new RegExp(`${count(srl.actualToDate)} – ${count(srl.actualToDate)}`),
    ]) {
      expect(text).not.toMatch(words);
    }
    expect(facts.text[1]).toContain('Pacing and the gap');
    expect(facts.text[1]).not.toMatch(/range|pacing =|Pacing \d/i);
    expect(text).toContain(
      'SRLs gap: Target − actual for SRLs, once the quarter has ended: positive means short.',
    );
    expect(text).toContain('Share of the gap: ');
  }, 120_000);

  it('has the sections the board reads, and the sources table adds up to the KPIs', async () => {
    const text = all();
    for (const section of [
      'Executive summary',
      'Sources',
      'Marketing contribution',
      'Funnel',
      'Time to sales-ready',
      'Cohorts',
      'Hand-off health',
      'Appendix: definitions',
    ]) {
      expect(text).toContain(section);
    }
    const sources = await (
      await t.app.request(`/api/metrics/sources?quarter=${quarter}&view=period`, { headers: { cookie } })
    ).json();
    expect(text).toContain(
      `All sources ${count(sources.totals.leads)} ${count(sources.totals.salesReady)} ${pct(sources.totals.salesReadyRate)}`,
    );
    for (const row of sources.rows.slice(0, 3)) expect(text).toContain(row.source);
  });

  it("defines every figure in the catalogue's words, as docs/metrics.md does", () => {
    const docs = plainWords(readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8'));
    const text = all();
    let defined = 0;
    for (const group of definitionGroups()) {
      for (const item of group.items) {
        expect(docs, `${item.term} in docs/metrics.md`).toContain(plainWords(item.text));
        expect(text, item.term).toContain(`${item.term}: ${plainWords(item.text)}`);
        defined += 1;
      }
    }
    expect(defined).toBeGreaterThan(30);
    expect(text).toContain('Leads: Leads created in the period.');
    expect(text).not.toContain('docs/metrics.md');
  });

  it('refuses a malformed quarter or an unknown parameter with 400', async () => {
    for (const q of ['quarter=2026-Q5', 'quarter=2026-Q1&source=1']) {
      const bad = await t.app.request(`/api/reports/board-pack.pdf?${q}`, { headers: { cookie } });
      expect(bad.status, q).toBe(400);
      expect((await bad.json()).error.code).toBe('bad_request');
    }
  });
});
