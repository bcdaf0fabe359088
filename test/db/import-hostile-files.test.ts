import type { DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { runImport } from '@salesready/db/import/run-import';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// What a hostile or broken CSV can do to the importer, generated: each run builds a lead file and
// damages it (quoting, line endings, encodings, truncation, huge or control-laden fields, garbage
// lines), imports it under an origin of its own and checks the report against what was stored.

const header = ['id', 'created_at', 'source', 'company', 'amount'];
const endings = ['\n', '\r\n', '\r'] as const;

interface Damage {
  ending: (typeof endings)[number];
  quoteAll: boolean;
  bom: boolean;
  /** Lines replaced by garbage: an unclosed quote, a stray quote, NUL bytes, too many fields. */
  garbage: { at: number; kind: 'unclosed' | 'stray' | 'nul' | 'wide' | 'empty' }[];
  /** A field of this many characters in one row (0: none). */
  hugeField: number;
  /** Latin-1 bytes (é as 0xE9) in a name, in a file read as UTF-8. */
  latin1: boolean;
  /** Keeps only this share of the bytes (1: whole). */
  keep: number;
  rows: number;
  bidi: boolean;
  /** A NUL byte inside a header name. */
  nulHeader: boolean;
}

const damage: fc.Arbitrary<Damage> = fc.record({
  ending: fc.constantFrom(...endings),
  quoteAll: fc.boolean(),
  bom: fc.boolean(),
  garbage: fc.array(
    fc.record({
      at: fc.nat({ max: 40 }),
      kind: fc.constantFrom('unclosed', 'stray', 'nul', 'wide', 'empty'),
    }),
    { maxLength: 3 },
  ),
  hugeField: fc.constantFrom(0, 0, 70_000, 300_000),
  latin1: fc.boolean(),
  keep: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
  rows: fc.integer({ min: 0, max: 40 }),
  bidi: fc.boolean(),
  nulHeader: fc.boolean(),
});

function file(d: Damage, run: number): Buffer {
  const q = (v: string) => (d.quoteAll ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [(d.nulHeader ? [...header, 'no\0te'] : header).map(q).join(',')];
  for (let i = 0; i < d.rows; i++) {
    const name = d.bidi && i % 5 === 0 ? 'Paid \u202Esearch\u202C' : i % 2 ? 'Paid search' : 'Web, "forms"';
    const source = d.quoteAll || name.includes(',') ? `"${name.replace(/"/g, '""')}"` : name;
    const company = i === 3 && d.hugeField ? 'x'.repeat(d.hugeField) : `Company ${i}`;
    lines.push(
      [q(`r${run}-${i}`), q(`2025-0${(i % 9) + 1}-1${i % 10}`), source, q(company), q(String(i * 10))].join(
        ',',
      ),
    );
  }
  for (const g of d.garbage) {
    const text = {
      unclosed: `r${run}-g${g.at},2025-01-01,"Paid search,never closed`,
      stray: `r${run}-s${g.at},2025-01-02,Pa"id,x@example.com,1`,
      nul: `r${run}-n${g.at},2025-01-03,\0\0,\0,\0`,
      wide: `r${run}-w${g.at},2025-01-04,Web,a@example.com,5,extra,more`,
      empty: '',
    }[g.kind];
    lines.splice(Math.min(lines.length, 1 + g.at), 0, text);
  }
  let bytes = Buffer.from(lines.join(d.ending) + d.ending, 'utf8');
  if (d.latin1)
    bytes = Buffer.concat([
      bytes,
      Buffer.from(`r${run}-l,2025-02-02,Caf`),
      Buffer.from([0xe9]),
      Buffer.from(`${d.ending}`),
    ]);
  if (d.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  return bytes.subarray(0, Math.floor(bytes.length * d.keep));
}

describeOnBackend('the importer given hostile and broken files', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(() => handle?.close());

  it('always answers a report that agrees with what was stored, naming each problem’s line', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        run++;
        const origin = `fuzz-${run}`;
        const bytes = file(d, run);
        const report = await runImport(handle.db, {
          stream: (async function* () {
            // In uneven pieces, as a network delivers them.
            for (let at = 0; at < bytes.length; at += 7919) yield bytes.subarray(at, at + 7919);
          })(),
          fileName: 'hostile.csv',
          mapping: {
            externalId: 'id',
            createdAt: 'created_at',
            source: 'source',
            company: 'company',
            amount: 'amount',
          },
          timezone: 'UTC',
          originSystem: origin,
        });
        const [stored] = await selectRows<{ n: number | string }>(
          handle.db,
          sql`select count(*) as n from leads where origin_system = ${origin}`,
        );
        // Nothing beyond what the report counts, whether it completed or stopped.
        expect(Number(defined(stored).n)).toBe(report.inserted);
        expect(['completed', 'failed']).toContain(report.status);
        if (report.status === 'completed') {
          expect(report.read).toBe(report.inserted + report.updated + report.unchanged + report.rejected);
        } else {
          expect(report.message).toMatch(/line \d+|header|empty|column|encoding|file/i);
        }
        for (const e of report.errors) {
          expect(e.line).toBeGreaterThanOrEqual(0);
          expect(e.message.length).toBeGreaterThan(5);
          // A clear message, never a program's error leaking through.
          expect(e.message).not.toMatch(/undefined|TypeError|Cannot read|\[object|NaN/);
        }
        // What was stored is whole: every stored lead has its id and creation time, no NUL in a name.
        const [broken] = await selectRows<{ n: number | string }>(
          handle.db,
          sql`select count(*) as n from leads l left join sources s on s.id = l.source_id
            where l.origin_system = ${origin}
              and (l.external_id is null or l.created_at is null or position(chr(1) in coalesce(s.name, '')) > 0)`,
        );
        expect(Number(defined(broken).n)).toBe(0);
      }),
      { numRuns: 100, seed: 20261206 },
    );
  }, 240_000);
});
