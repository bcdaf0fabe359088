import { afterAll, beforeAll, expect, it } from 'vitest';
import { readChunks, readPdf } from '../helpers/export-files';
import { addLeads, addSource } from '../helpers/factories';
import { cookieFor, thisQuarter } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// The board pack given hostile names and commentary: formula payloads, a name of 10,000 characters,
// commentary at its longest with a 3,000-character word. It must render, print them as plain text and
// stay a pack of a sensible length.
const formula = '=HYPERLINK("http://evil.example","click")';
const long = `Campaign ${'x'.repeat(9990)}`;
const word = 'y'.repeat(3000);

describeOnBackend('the board pack with hostile names and commentary', () => {
  let t: TestApp;
  let cookie: string;
  const quarter = thisQuarter();

  beforeAll(async () => {
    t = await openTestApp();
    const a = await addSource(t.handle.db, formula);
    const b = await addSource(t.handle.db, long);
    const c = await addSource(t.handle.db, '+cmd|" /C calc"!A0');
    const day = new Date(quarter.start.getTime() + 36e5).toISOString();
    await addLeads(
      t.handle.db,
      [a, b, c, a].map((sourceId, i) => ({ externalId: `h${i}`, createdAt: day, sourceId })),
    );
    cookie = await cookieFor(t, 'admin');
  });
  afterAll(() => t?.close());

  it('refuses commentary with a bidirectional override, and takes the longest plain text', async () => {
    const put = (body: string) =>
      t.app.request(`/api/reports/commentary?quarter=${quarter.label}`, {
        method: 'PUT',
        headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
        body: JSON.stringify({ sections: { summary: body } }),
      });
    const refused = await put('Revenue \u202Eup\u202C 12%');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.details[0]).toMatchObject({ path: 'sections.summary' });
    const text = `${formula} ${word} ${'The quarter in words. '.repeat(45)}`.slice(0, 4000);
    expect((await put(text)).status).toBe(200);
  });

  it('renders the pack with the names and the commentary as plain text, in a sensible number of pages', async () => {
    const res = await t.app.request(`/api/reports/board-pack.pdf?quarter=${quarter.label}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const pdf = await readPdf((await readChunks(res)).bytes);
    expect(pdf.pages).toBeLessThan(40);
    const text = pdf.text.join(' ');
    // The payloads print as the text they are (a PDF runs no formula), and the long word wraps whole.
    expect(text).toContain(formula);
    expect(text).toContain('+cmd|" /C calc"!A0');
    expect(text.replace(/\s/g, '')).toContain(word);
    expect(text).toContain('Campaign xxxxxxxx');
  });
});
