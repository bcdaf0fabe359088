import { type PackFigures, upgradeFigures } from '@salesready/api/reports/board-pack/frozen-figures';
import { defined } from '@salesready/db/defined';
import type { QuarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertTargets } from '../helpers/pacing-fixtures';
import { cookieFor } from '../helpers/pacing-session';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

type Json = Record<string, unknown>;

/**
 * A snapshot frozen before the pacing said whether its quarter is closed, and when the gap's shares
 * were of the net gap: read today, it gives what today's answer gives. Quarter 2026-Q1 of the fixture
 * (February to April 2025) is over; Paid search ends 3 short of its 8 leads, Partner referrals 1 ahead
 * of its 2, the 8 leads 2 short of the 10.
 */
describeOnBackend('snapshots frozen before the closed flag and the shares of the short sources', () => {
  let t: TestApp;
  let today: QuarterPacing;
  beforeAll(async () => {
    t = await openTestApp();
    const { paid, partner } = await seedQuarterFixture(t.handle.db);
    await insertTargets(t.handle.db, [
      { quarter: '2026-Q1', metric: 'leads', value: 10 },
      { quarter: '2026-Q1', metric: 'leads', sourceId: paid, value: 8 },
      { quarter: '2026-Q1', metric: 'leads', sourceId: partner, value: 2 },
      { quarter: '2026-Q1', metric: 'sales_ready', value: 4 },
    ]);
    const cookie = await cookieFor(t, 'board');
    today = await (
      await t.app.request('/api/metrics/pacing?quarter=2026-Q1', { headers: { cookie } })
    ).json();
  });
  afterAll(() => t?.close());

  it('reads an old snapshot as closed, with shares of the short sources and the offset', () => {
    expect(today.closed).toBe(true);
    expect(today.metrics.leads.explained).toMatchObject({ gap: 2, shortfall: 3, offset: 1 });
    // As it was stored: no closed flag, shares of the net gap (150% and −50%), no offset.
    const old = structuredClone(today) as unknown as Json & { metrics: Record<string, Json> };
    delete old.closed;
    for (const m of Object.values(old.metrics)) {
      const e = m.explained as (Json & { gap: number; rows: Json[] }) | null;
      if (!e) continue;
      delete e.shortfall;
      delete e.offset;
      delete e.coveredBy;
      for (const r of e.rows) r.shareOfGap = e.gap === 0 ? null : (r.gap as number) / e.gap;
    }
    const leads = (defined(old.metrics.leads).explained as { rows: { source: string; shareOfGap: number }[] })
      .rows;
    expect(defined(leads.find((r) => r.source === 'Paid search')).shareOfGap).toBe(1.5);
    const upgraded = upgradeFigures({ pacing: old } as unknown as PackFigures).pacing;
    expect(upgraded).toEqual(today);
  });

  it('leaves a snapshot that has the flag as it is', () => {
    const figures = { pacing: today } as unknown as PackFigures;
    expect(upgradeFigures(figures)).toBe(figures);
  });
});
