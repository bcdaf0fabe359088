import { defined } from '@salesready/db/defined';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openXlsx, readChunks, recordsOf, sheetRows, splitCsv } from '../helpers/export-files';
import { formulaPayloads, insertExportLeads } from '../helpers/export-leads';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Company names are typed by anyone who fills a CRM form: an export must never make them run.
describeOnBackend('exports are inert against spreadsheet formula injection', () => {
  let t: TestApp;
  let cookie: string;
  const get = (path: string) => t.app.request(path, { headers: { cookie } });
  const query = 'quarter=2025-Q1&sort=createdAt&order=asc';

  beforeAll(async () => {
    t = await openTestApp();
    await insertExportLeads(t.handle.db, 10);
    cookie = await cookieFor(t, 'board');
  });
  afterAll(() => t?.close());

  it('prefixes formula-like text with an apostrophe in CSV, and leaves negative numbers as numbers', async () => {
    const res = await get(`/api/exports/leads.csv?${query}`);
    const text = new TextDecoder().decode((await readChunks(res)).bytes);
    expect(res.status).toBe(200);
    const records = recordsOf((await splitCsv(text)).rows);
    expect(records.slice(0, formulaPayloads.length).map((r) => r.Company)).toEqual(
      formulaPayloads.map((p) => `'${p}`),
    );
    // No field of the file starts a formula: every cell that begins with = + - @ tab or CR is a number.
    for (const record of records) {
      for (const [column, value] of Object.entries(record)) {
        if (/^[=+\-@\t\r]/.test(String(value)))
          expect(Number.isFinite(Number(value)), `${column}: ${value}`).toBe(true);
      }
    }
    expect(defined(records[6])['Amount (USD)']).toBe('-250.5');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('writes them as plain text cells in XLSX, never formulas, and the negative amount as a number', async () => {
    const res = await get(`/api/exports/leads.xlsx?${query}`);
    const bytes = (await readChunks(res)).bytes;
    const workbook = await openXlsx(bytes);
    const sheet = defined(workbook.worksheets[0]);
    const records = recordsOf(sheetRows(sheet));
    // As typed (an XML reader turns a carriage return into a line feed, as Excel does).
    expect(records.slice(0, formulaPayloads.length).map((r) => r.Company)).toEqual(
      formulaPayloads.map((p) => p.replace(/\r/g, '\n')),
    );
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        // A formula in the sheet's XML (<f>) would read back as a formula cell.
        expect(cell.formula, cell.address).toBeFalsy();
        expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
    expect(defined(records[6])['Amount (USD)']).toBe(-250.5);
  });
});
