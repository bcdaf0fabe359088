import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { runImport } from '@salesready/db/import/run-import';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leadCount, rows, tempFolder } from '../helpers/import-files';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const basic = { externalId: 'id', createdAt: 'created' } as const;

describeOnBackend('CSV import of bad and awkward files', () => {
  let handle: DbHandle;
  const files = tempFolder();

  const run = (path: string, extra: Partial<Parameters<typeof runImport>[1]> = {}) =>
    runImport(handle.db, {
      path,
      fileName: defined(path.split('/').pop()),
      mapping: basic,
      timezone: 'UTC',
      ...extra,
    });
  const leadsOf = (origin: string) =>
    rows<Record<string, unknown>>(
      handle.db,
      sql`select external_id as id, created_at::text as created, amount::float as amount, company, status
          from leads where origin_system = ${origin} order by external_id`,
    );

  beforeAll(async () => {
    handle = await openTestDb();
    // Leads already stored: no failed import may lose or change them.
    const first = await run(files.file('existing.csv', 'id,created\nE1,2024-01-01\nE2,2024-01-02\n'));
    expect(first.status).toBe('completed');
  });
  afterAll(async () => {
    files.remove();
    await handle?.close();
  });

  // A failed import leaves the stored leads as they were.
  const leadsNow = () => leadCount(handle.db);

  it('refuses a binary file, an Excel workbook and UTF-16 text, clearly', async () => {
    const before = await leadsNow();
    const binary = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const cases: [string, Buffer, RegExp][] = [
      ['image.png', binary, /binary/],
      ['book.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]), /xlsx/],
      [
        'utf16.csv',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,created\nU1,2024-01-01\n', 'utf16le')]),
        /UTF-16/,
      ],
      ['utf16-nobom.csv', Buffer.from('id,created\nU1,2024-01-01\n', 'utf16le'), /UTF-16/],
    ];
    for (const [name, bytes, message] of cases) {
      const report = await run(files.file(name, bytes));
      expect(report.status, name).toBe('failed');
      expect(report.message, name).toMatch(message);
      expect(defined(report.errors[0]).message).toMatch(message);
    }
    expect(await leadsNow()).toBe(before);
  });

  it('refuses Latin-1 unless told, then reads it', async () => {
    const before = await leadsNow();
    const latin1 = Buffer.concat([
      Buffer.from('id,created,company\nC1,2024-01-01,Caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const path = files.file('latin1.csv', latin1);
    const refused = await run(path, { mapping: { ...basic, company: 'company' }, originSystem: 'latin' });
    expect(refused.status).toBe('failed');
    expect(refused.message).toMatch(/not UTF-8: byte 0xe9 on line 2 .*latin1/);
    expect(await leadsNow()).toBe(before);
    const read = await run(path, {
      mapping: { ...basic, company: 'company' },
      originSystem: 'latin',
      encoding: 'latin1',
    });
    expect(read.status).toBe('completed');
    expect(defined((await leadsOf('latin'))[0]).company).toBe('Café');
  });

  it('stops at a bad byte past the first chunk with whole batches only, and imports it as latin1', async () => {
    const head = ['id,created,company'];
    for (let i = 1; i <= 12_000; i++) head.push(`U${i},2024-01-01,Company number ${i}`);
    const bytes = Buffer.concat([
      Buffer.from(`${head.join('\n')}\nU12001,2024-01-01,Caf`),
      Buffer.from([0xe9, 0x0a]),
    ]);
    // Past the 256 KB the file is read in at once, so past the first-chunk check.
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const report = await run(files.file('late-latin1.csv', bytes), { originSystem: 'late', batchSize: 1000 });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/not valid UTF-8 after byte/);
    const [kept] = await rows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from leads where origin_system = 'late'`,
    );
    expect(defined(kept).n).toBe(report.inserted);
    // Whole batches only (how many were written before the reader hit the byte depends on timing).
    expect(defined(kept).n % 1000).toBe(0);
    const again = await run(files.file('late-latin1.csv', bytes), {
      originSystem: 'late',
      batchSize: 1000,
      encoding: 'latin1',
    });
    expect(again).toMatchObject({
      status: 'completed',
      read: 12_001,
      inserted: 12_001 - defined(kept).n,
      unchanged: defined(kept).n,
    });
  });

  it('fails an empty file, and takes a header-only file as zero rows', async () => {
    const before = await leadsNow();
    for (const content of ['', '\n\n', '\ufeff']) {
      const report = await run(files.file('empty.csv', content));
      expect(report).toMatchObject({ status: 'failed', message: 'the file is empty' });
    }
    const headerOnly = await run(files.file('header.csv', 'id,created\n'));
    expect(headerOnly).toMatchObject({ status: 'completed', read: 0 });
    expect(await leadsNow()).toBe(before);
  });

  it('strips a byte-order mark, reads CRLF, quoted commas and quoted line breaks with true line numbers', async () => {
    const csv =
      '\ufeffid,created,company,amount\r\n' +
      'B1,2024-01-01,"Acme, Inc",10\r\n' +
      'B2,2024-01-02,"Two\r\nline name",20\r\n' +
      '\r\n' +
      'B3,2024-01-03,Plain,not-money\r\n';
    const report = await run(files.file('bom.csv', csv), {
      mapping: { ...basic, company: 'company', amount: 'amount' },
      originSystem: 'bom',
    });
    expect(report).toMatchObject({ status: 'completed', read: 3, inserted: 2, rejected: 1 });
    // B3 is on line 6: the quoted line break and the blank line count.
    expect(report.errors).toEqual([{ line: 6, column: 'amount', message: '"not-money" is not an amount' }]);
    expect((await leadsOf('bom')).map((l) => l.company)).toEqual(['Acme, Inc', 'Two\r\nline name']);
  });

  it('fails up front naming a missing column, and a missing createdAt', async () => {
    const path = files.file('cols.csv', 'lead,created\nM1,2024-01-01\n');
    const noId = await run(path, { mapping: { externalId: 'lead_id', createdAt: 'created' } });
    expect(noId.status).toBe('failed');
    expect(noId.errors[0]).toEqual({
      line: 1,
      column: 'lead_id',
      message: 'the file has no column "lead_id" (mapped to externalId)',
    });
    const noDate = await run(path, { mapping: { externalId: 'lead' } });
    expect(noDate.status).toBe('failed');
    expect(noDate.message).toMatch(/createdAt is not mapped/);
    const withConstant = await run(path, {
      mapping: { externalId: 'lead' },
      constants: { createdAt: '2024-05-01' },
      originSystem: 'const',
    });
    expect(withConstant).toMatchObject({ status: 'completed', inserted: 1 });
    expect(defined((await leadsOf('const'))[0]).created).toBe('2024-05-01 00:00:00+00');
  });

  it('rejects ragged rows, bad dates and amounts, and empty ids by line and column, keeping the good rows', async () => {
    const csv = [
      'id,created,amount',
      'R1,2024-01-01,"1,234.50"',
      'R2,2024-01-02',
      'R3,2024-01-03,5,extra',
      'R4,2024-02-30,5',
      'R5,yesterday,5',
      'R6,2024-01-06,12abc',
      ',2024-01-07,5',
      'R8,2024-01-08,',
      'R9,2024-01-09,7,,',
    ].join('\n');
    const report = await run(files.file('ragged.csv', csv), {
      mapping: { ...basic, amount: 'amount' },
      originSystem: 'ragged',
    });
    expect(report).toMatchObject({ status: 'completed', read: 9, inserted: 3, rejected: 6 });
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, null],
      [4, null],
      [5, 'created'],
      [6, 'created'],
      [7, 'amount'],
      [8, 'id'],
    ]);
    expect(defined(report.errors[0]).message).toBe('the row has 2 fields; the header has 3');
    expect(defined(report.errors[2]).message).toMatch(/day 30 does not exist/);
    expect(defined(report.errors[5]).message).toBe('the id is empty');
    expect(await leadsOf('ragged')).toEqual([
      { id: 'R1', created: '2024-01-01 00:00:00+00', amount: 1234.5, company: null, status: 'open' },
      { id: 'R8', created: '2024-01-08 00:00:00+00', amount: null, company: null, status: 'open' },
      { id: 'R9', created: '2024-01-09 00:00:00+00', amount: 7, company: null, status: 'open' },
    ]);
  });

  it('keeps the last row of a repeated id and warns with the line', async () => {
    const csv = 'id,created,amount\nD1,2024-01-01,1\nD2,2024-01-02,2\nD1,2024-01-03,3\n';
    const report = await run(files.file('dups.csv', csv), {
      mapping: { ...basic, amount: 'amount' },
      originSystem: 'dups',
    });
    expect(report).toMatchObject({ status: 'completed', read: 3, inserted: 2, updated: 1, rejected: 0 });
    expect(report.errors).toEqual([
      {
        line: 4,
        column: 'id',
        message: 'the id "D1" is also on an earlier line: this later row\'s values win',
      },
    ]);
    // Across batches too (batch size 1).
    const across = await run(files.file('dups2.csv', csv.replace(/,(\d)\n/g, ',1$1\n')), {
      mapping: { ...basic, amount: 'amount' },
      originSystem: 'dups',
      batchSize: 1,
    });
    expect(across.errors.map((e) => e.line)).toEqual([4]);
    expect((await leadsOf('dups')).map((l) => [l.id, l.amount])).toEqual([
      ['D1', 13],
      ['D2', 12],
    ]);
  });

  it('decides day/month order per column and refuses an ambiguous one', async () => {
    const before = await leadsNow();
    const ambiguous = files.file('ambiguous.csv', 'id,created\nA1,03/04/2024\nA2,05/06/2024\n');
    const refused = await run(ambiguous, { originSystem: 'dates' });
    expect(refused.status).toBe('failed');
    expect(defined(refused.errors[0]).column).toBe('created');
    expect(refused.message).toMatch(/D\/M and M\/D both fit/);
    expect(await leadsNow()).toBe(before);

    const told = await run(ambiguous, { originSystem: 'dates', dateOrder: 'dmy' });
    expect(told.status).toBe('completed');
    const us = await run(files.file('us.csv', 'id,created\nA3,1/13/2024 3:05 PM\nA4,2/1/2024\n'), {
      originSystem: 'dates',
    });
    expect(us.status).toBe('completed');
    const eu = await run(files.file('eu.csv', 'id,created\nA5,13-01-2024\nA6,02.01.2024\n'), {
      originSystem: 'dates',
    });
    expect(eu.status).toBe('completed');
    const mixed = await run(files.file('mixed.csv', 'id,created\nA7,13/01/2024\nA8,01/13/2024\n'), {
      originSystem: 'dates',
    });
    expect(mixed.status).toBe('failed');
    expect(mixed.message).toMatch(/only fits day-first/);
    expect((await leadsOf('dates')).map((l) => [l.id, l.created])).toEqual([
      ['A1', '2024-04-03 00:00:00+00'],
      ['A2', '2024-06-05 00:00:00+00'],
      ['A3', '2024-01-13 15:05:00+00'],
      ['A4', '2024-02-01 00:00:00+00'],
      ['A5', '2024-01-13 00:00:00+00'],
      ['A6', '2024-01-02 00:00:00+00'],
    ]);
  });

  it('reads zone-less times in the import zone and keeps explicit offsets', async () => {
    const csv =
      'id;created\nZ1;2024-01-15 09:00:00\nZ2;2024-07-15T09:00:00\nZ3;2024-07-15T09:00:00Z\nZ4;2024-07-15 09:00:00+05:30\n';
    const report = await run(files.file('zones.csv', csv), {
      originSystem: 'zones',
      timezone: 'Europe/Paris',
    });
    expect(report.status).toBe('completed');
    expect((await leadsOf('zones')).map((l) => l.created)).toEqual([
      '2024-01-15 08:00:00+00',
      '2024-07-15 07:00:00+00',
      '2024-07-15 09:00:00+00',
      '2024-07-15 03:30:00+00',
    ]);
    await expect(run(files.file('z.csv', csv), { timezone: 'Mars/Olympus' })).rejects.toThrow(
      /not a known IANA/,
    );
  });

  it('maps stages through values, booleans, floats and placeholders', async () => {
    const csv = [
      'id,created,stage,close,value,budget,authority,need,timeframe,score,segment',
      'S1,2024-01-01,Won,2024-02-01,"2.500,00",Yes,True,1,1.0,80.0,Select',
      'S2,2024-01-02,Lost,2024-02-02,0,No,False,0,0.0,,Retail',
      'S3,2024-01-03,Engaging,,,,,,,,',
      'S4,2024-01-04,Haggling,,,y,x,maybe,,,',
    ].join('\n');
    const report = await run(files.file('stages.csv', csv), {
      originSystem: 'stages',
      mapping: {
        ...basic,
        stage: 'stage',
        wonAt: 'close',
        lostAt: 'close',
        amount: 'value',
        budget: 'budget',
        authority: 'authority',
        need: 'need',
        timeframe: 'timeframe',
        score: 'score',
        segment: 'segment',
      },
      values: { stage: { Won: 'won', Lost: 'lost', Engaging: 'opportunity' } },
    });
    expect(report).toMatchObject({ status: 'completed', inserted: 3, rejected: 1 });
    expect(report.errors).toEqual([
      { line: 5, column: 'need', message: '"maybe" is not yes/no, true/false or 1/0' },
    ]);
    const stored = await rows<Record<string, unknown>>(
      handle.db,
      sql`select external_id as id, status, stage, won_at::date::text as won, lost_at::date::text as lost,
            amount::float as amount, bant_score as bant, score, segment, sales_ready_at is not null as ready
          from leads where origin_system = 'stages' order by 1`,
    );
    expect(stored).toEqual([
      {
        id: 'S1',
        status: 'won',
        stage: 'won',
        won: '2024-02-01',
        lost: null,
        amount: 2500,
        bant: 4,
        score: 80,
        segment: null,
        ready: true,
      },
      {
        id: 'S2',
        status: 'lost',
        stage: 'lost',
        won: null,
        lost: '2024-02-02',
        amount: 0,
        bant: 0,
        score: null,
        segment: 'Retail',
        ready: false,
      },
      {
        id: 'S3',
        status: 'open',
        stage: 'opportunity',
        won: null,
        lost: null,
        amount: null,
        bant: 0,
        score: null,
        segment: null,
        ready: false,
      },
    ]);
  });
});
