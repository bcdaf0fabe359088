import { parseAmount, readSpendCsv, SpendFileError } from '@salesready/db/spend/read-spend-csv';
import { monthTotals } from '@salesready/db/spend/spend-store';
import { describe, expect, it } from 'vitest';

// Samples written from each vendor's documented report export columns (see spend-presets.ts).
const googleAds = [
  'Campaign performance report',
  '"October 1, 2026 - November 30, 2026"',
  'Day,Campaign,Currency code,Impr.,Clicks,Cost',
  '2026-10-01,Brand,USD,"1,204",88,"1,250.40"',
  '2026-10-02,Brand,USD,990,71,980.10',
  '2026-10-02,Generic,USD,400,12, --',
  '2026-11-03,Generic,USD,650,30,300.00',
  'Total: Account,,,"3,244",201,"2,530.50"',
].join('\r\n');

const linkedIn = [
  'Campaign Performance Report (in UTC)',
  'Report Start: 10/1/2026',
  'Report End: 11/30/2026',
  'Start Date (in UTC),Campaign Name,Campaign ID,Currency,Impressions,Clicks,Total Spent',
  '10/1/2026,ABM Q4,123,USD,1000,10,500.00',
  '10/12/2026,ABM Q4,123,USD,1000,10,250.50',
  '11/2/2026,ABM Q4,123,USD,1000,10,100',
].join('\n');

const meta = [
  'Day,Campaign name,Reach,Impressions,Amount spent (USD),Reporting starts,Reporting ends',
  '2026-10-01,Retargeting,100,200,45.10,2026-10-01,2026-10-01',
  '2026-10-31,Retargeting,100,200,54.90,2026-10-31,2026-10-31',
].join('\n');

describe('spend exports', () => {
  it('reads a Google Ads report under its title lines, skips the total line and books it to Paid search', () => {
    const file = readSpendCsv(googleAds, { currency: 'USD' });
    expect(file.preset).toBe('google-ads');
    expect(file.read).toBe(4);
    expect(file.problems).toEqual([]);
    expect(file.rows.map((r) => [r.line, r.source, r.month, r.amount])).toEqual([
      [4, 'Paid search', '2026-10-01', 1250.4],
      [5, 'Paid search', '2026-10-01', 980.1],
      [6, 'Paid search', '2026-10-01', 0],
      [7, 'Paid search', '2026-11-01', 300],
    ]);
    // Summed per campaign and month: Brand 1,250.40 + 980.10; Generic's October day cost nothing.
    expect(monthTotals(file.rows)).toEqual([
      { source: 'Paid search', campaign: 'Brand', month: '2026-10-01', amount: 2230.5 },
      { source: 'Paid search', campaign: 'Generic', month: '2026-10-01', amount: 0 },
      { source: 'Paid search', campaign: 'Generic', month: '2026-11-01', amount: 300 },
    ]);
  });

  it('reads LinkedIn US dates even when every day is 12 or less, and Meta with the currency in its header', () => {
    const li = readSpendCsv(linkedIn, { currency: 'USD' });
    expect(li.preset).toBe('linkedin-ads');
    expect(monthTotals(li.rows)).toEqual([
      { source: 'LinkedIn ads', campaign: 'ABM Q4', month: '2026-10-01', amount: 750.5 },
      { source: 'LinkedIn ads', campaign: 'ABM Q4', month: '2026-11-01', amount: 100 },
    ]);
    const fb = readSpendCsv(meta, { currency: 'USD', source: 'Paid social' });
    expect(fb.preset).toBe('meta-ads');
    expect(monthTotals(fb.rows)).toEqual([
      { source: 'Paid social', campaign: 'Retargeting', month: '2026-10-01', amount: 100 },
    ]);
    expect(() => readSpendCsv(meta, { currency: 'EUR' })).toThrow(/amounts are in USD .* figures in EUR/);
  });

  it('rejects a bad row with its line and column and keeps the good ones', () => {
    const text = [
      'month,source,amount,currency',
      '2026-10,Webinars,1200,USD',
      '2026-13,Webinars,100,USD',
      '2026-11,Webinars,12O,USD',
      '2026-11,,50,USD',
      '2026-12,Webinars,-5,USD',
      '2026-12,Webinars,70,GBP',
      '2026-12,Events,"1.234,50",USD',
    ].join('\n');
    const file = readSpendCsv(text, { currency: 'USD' });
    expect(file.preset).toBe('spend');
    expect(file.rows.map((r) => [r.line, r.source, r.campaign, r.month, r.amount])).toEqual([
      [2, 'Webinars', '', '2026-10-01', 1200],
      [8, 'Events', '', '2026-12-01', 1234.5],
    ]);
    expect(file.problems).toEqual([
      { line: 3, column: 'month', message: '"2026-13" is not a month' },
      { line: 4, column: 'amount', message: '"12O" is not an amount' },
      { line: 5, column: 'source', message: 'no source' },
      { line: 6, column: 'amount', message: '-5 is negative: spend is money paid out' },
      { line: 7, column: 'currency', message: "the amount is in GBP, the company's figures in USD" },
    ]);
  });

  it('says why a file cannot be read at all', () => {
    expect(() => readSpendCsv('name,value\na,1', { currency: 'USD' })).toThrow(SpendFileError);
    expect(() => readSpendCsv('name,value\na,1', { currency: 'USD' })).toThrow(/no header row found/);
    expect(() =>
      readSpendCsv('date,amount\n3/4/2026,10\n5/6/2026,10', {
        currency: 'USD',
        preset: 'spend',
        source: 'Events',
      }),
    ).toThrow(/fit both day-first and month-first/);
    const dayFirst = readSpendCsv('date,amount\n3/4/2026,10\n5/6/2026,10', {
      currency: 'USD',
      preset: 'spend',
      source: 'Events',
      dateOrder: 'dmy',
    });
    expect(dayFirst.rows.map((r) => r.month)).toEqual(['2026-04-01', '2026-06-01']);
  });

  it('reads amounts as exports write them', () => {
    expect(parseAmount('$1,234.56')).toBe(1234.56);
    expect(parseAmount('1.234,56 €')).toBe(1234.56);
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('--')).toBe(0);
    expect(parseAmount('abc')).toBe('"abc" is not an amount');
  });
});
