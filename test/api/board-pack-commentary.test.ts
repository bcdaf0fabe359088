import { defined } from '@salesready/db/defined';
import { auditLog } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readChunks, readPdf } from '../helpers/export-files';
import { cookieFor } from '../helpers/pacing-session';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const quarter = '2026-Q1';
const url = `/api/reports/commentary?quarter=${quarter}`;

describeOnBackend('board pack commentary per section and quarter', () => {
  let t: TestApp;
  let admin: string;
  let executive: string;
  let board: string;

  const put = (cookie: string, body: unknown, path = url) =>
    t.app.request(path, {
      method: 'PUT',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const read = async (cookie: string, path = url) => {
    const res = await t.app.request(path, { headers: { cookie } });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await openTestApp();
    await seedQuarterFixture(t.handle.db);
    admin = await cookieFor(t, 'admin');
    executive = await cookieFor(t, 'executive');
    board = await cookieFor(t, 'board');
  }, 60_000);
  afterAll(() => t?.close());

  it('lists every section in the pack’s order, empty until someone writes', async () => {
    const body = await read(board);
    expect(body.quarter).toBe(quarter);
    expect(body.sections.map((s: { section: string }) => s.section)).toEqual([
      'summary',
      'sources',
      'funnel',
      'speed',
      'cohorts',
      'handoff',
    ]);
    expect(body.sections.every((s: { body: string }) => s.body === '')).toBe(true);
  });

  it('stores what an executive writes, for that quarter only, and the board reads it', async () => {
    const res = await put(executive, {
      sections: {
        summary: '  Paid search carried the quarter.\r\nPartners lagged.  ',
        funnel: 'No SALs yet.',
      },
    });
    expect(res.status).toBe(200);
    const body = await read(board);
    const summary = body.sections.find((s: { section: string }) => s.section === 'summary');
    expect(summary).toMatchObject({
      title: 'Executive summary',
      body: 'Paid search carried the quarter.\nPartners lagged.',
      updatedBy: 'executive',
    });
    expect(new Date(summary.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(body.sections.find((s: { section: string }) => s.section === 'funnel').body).toBe('No SALs yet.');
    const other = await read(board, '/api/reports/commentary?quarter=2026-Q2');
    expect(other.sections.every((s: { body: string }) => s.body === '')).toBe(true);

    // An admin edits one section; the others stay; an empty text removes a section's commentary.
    expect((await put(admin, { sections: { funnel: '' } })).status).toBe(200);
    const after = await read(executive);
    expect(after.sections.find((s: { section: string }) => s.section === 'funnel').body).toBe('');
    expect(after.sections.find((s: { section: string }) => s.section === 'summary').body).toContain(
      'Paid search',
    );
  });

  it('audits each change with the sections and their length, not the text', async () => {
    const entries = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'report.commentary'));
    expect(entries.map((e) => [e.target, JSON.parse(defined(e.details))])).toEqual([
      [`quarter:${quarter}`, { sections: { summary: { characters: 49 }, funnel: { characters: 12 } } }],
      [`quarter:${quarter}`, { sections: { funnel: { characters: 0 } } }],
    ]);
  });

  it('refuses the board any change', async () => {
    const res = await put(board, { sections: { summary: 'The board writes here.' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect((await read(board)).sections[0].body).toBe('Paid search carried the quarter.\nPartners lagged.');
  });

  it('refuses text over the limit, control characters, unknown sections and a missing quarter', async () => {
    for (const [body, path] of [
      [{ sections: { summary: 'x'.repeat(4001) } }, url],
      [{ sections: { summary: 'bell \u0007' } }, url],
      [{ sections: { summary: 'reversed \u202e txet' } }, url],
      [{ sections: { appendix: 'not a section' } }, url],
      [{ sections: { summary: 42 } }, url],
      [{ sections: { summary: 'fine' } }, '/api/reports/commentary'],
      [{ sections: { summary: 'fine' } }, '/api/reports/commentary?quarter=2026-Q9'],
    ] as const) {
      const res = await put(executive, body, path);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
    expect((await put(executive, { sections: { summary: 'x'.repeat(4000) } })).status).toBe(200);
  });

  it('prints each section’s commentary under that section in the PDF, as plain text', async () => {
    const markup = '<script>alert(1)</script> & =SUM(A1) — quoted "as typed"';
    expect((await put(executive, { sections: { summary: 'Summary note.', handoff: markup } })).status).toBe(
      200,
    );
    const res = await t.app.request(`/api/reports/board-pack.pdf?quarter=${quarter}`, {
      headers: { cookie: board },
    });
    expect(res.status).toBe(200);
    const pdf = await readPdf((await readChunks(res)).bytes);
    const summary = defined(pdf.text.find((p) => p.includes('Executive summary Fiscal quarter')));
    expect(summary).toMatch(/Executive summary .* Commentary Summary note\. Leads 8/);
    const handoff = defined(pdf.text.find((p) => p.includes('Hand-off health The leads')));
    expect(handoff).toContain(`Commentary ${markup}`);
    // Sections without commentary print none.
    expect(pdf.text.filter((p) => p.includes('Commentary'))).toHaveLength(2);
  });
});
