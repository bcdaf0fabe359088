import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CsvRecord, loadXEducation, readCsv, xEducationFile } from '../helpers/load-real-data';
import { countBy } from '../helpers/metrics-stats';
import { describeWithSharedData } from '../helpers/shared-data';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// Every lead is created on 2025-01-15 (the file has no dates).
const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };

describeWithSharedData('X Education leads (real data)', () => {
  describeOnBackend('conversion against counts made in JavaScript from the CSV', () => {
    let handle: DbHandle;
    let rows: CsvRecord[];
    beforeAll(async () => {
      handle = await openTestDb();
      rows = await readCsv(xEducationFile);
      expect(await loadXEducation(handle.db)).toBe(rows.length);
    }, 120_000);
    afterAll(() => handle?.close());

    it('converts per Lead Source, case variants merged', async () => {
      const key = (r: CsvRecord) => defined(r['Lead Source']).trim().toLowerCase() || 'unknown';
      const leads = countBy(rows, key);
      const converted = countBy(
        rows.filter((r) => r.Converted === '1'),
        key,
      );
      const report = await sourceReport(handle.db, q1, 'cohort');
      expect(report.rows).toHaveLength(leads.size);
      // "Google" (2,868) and "google" (5) are one source.
      expect(leads.get('google')).toBe(2873);
      for (const row of report.rows) {
        const k = row.source.toLowerCase();
        expect([k, row.leads, row.won]).toEqual([k, leads.get(k), converted.get(k) ?? 0]);
        expect(row.leadToWon).toBeCloseTo((converted.get(k) ?? 0) / defined(leads.get(k)), 12);
      }
      expect(report.totals.leads).toBe(9240);
      expect(report.totals.leadToWon).toBeCloseTo(rows.filter((r) => r.Converted === '1').length / 9240, 12);
    }, 60_000);

    it('converts per Lead Quality (carried in the segment filter)', async () => {
      const qualities = [...new Set(rows.map((r) => defined(r['Lead Quality']).trim()).filter(Boolean))];
      expect(qualities.sort()).toEqual([
        'High in Relevance',
        'Low in Relevance',
        'Might be',
        'Not Sure',
        'Worst',
      ]);
      let covered = 0;
      for (const quality of qualities) {
        const group = rows.filter((r) => defined(r['Lead Quality']).trim() === quality);
        const won = group.filter((r) => r.Converted === '1').length;
        const { totals } = await sourceReport(handle.db, { ...q1, segments: [quality] }, 'cohort');
        expect([quality, totals.leads, totals.won]).toEqual([quality, group.length, won]);
        expect(totals.leadToWon).toBeCloseTo(won / group.length, 12);
        covered += group.length;
      }
      // The rest have no Lead Quality (52%).
      expect(9240 - covered).toBe(rows.filter((r) => defined(r['Lead Quality']).trim() === '').length);
    }, 60_000);
  });
});
