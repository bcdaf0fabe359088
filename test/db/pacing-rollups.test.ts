import type { Database, DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { settledBefore } from '@salesready/db/queries/pacing/funnel-curves';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { rollupsServe } from '@salesready/db/rollups/rollups';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { type FunnelLead, insertFunnelLeads, insertTargets } from '../helpers/pacing-fixtures';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const hour = 3_600_000;
const day = 24 * hour;

/**
 * Three sources and leads without one over ten quarters (2024-07-01 to 2026-12-10): leads at varied
 * hours (some on the stroke of midnight), about half sales-ready after 1–60 days, some of those
 * opportunities with amounts (some missing), won, lost or disqualified after 5–120 days, the rest
 * still waiting; nothing recorded after 2026-12-10.
 */
function fixture(sources: number[]): FunnelLead[] {
  const rows: FunnelLead[] = [];
  const start = Date.parse('2024-07-01T00:00:00Z');
  const end = '2026-12-10T00:00:00.000Z';
  let n = 0;
  for (let d = 0; d < 893; d += 1) {
    for (const [i, sourceId] of [...sources, null].entries()) {
      if ((d * 7 + i * 3) % (i + 2) !== 0) continue;
      n += 1;
      const created = start + d * day + ((n * 7919) % 24) * hour + (n % 5 === 0 ? 0 : (n * 37) % 3600) * 1000;
      const at = (days: number, hours = 0) => new Date(created + days * day + hours * hour).toISOString();
      const lead: FunnelLead = { externalId: `p-${n}`, createdAt: new Date(created).toISOString(), sourceId };
      if (n % 2 === 0) {
        lead.salesReadyAt = at(1 + (n % 60), n % 13);
        if (n % 3 !== 1) {
          lead.opportunityAt = at(8 + (n % 60) + (n % 17), n % 7);
          if (n % 11 !== 0) lead.amount = 1000 + ((n * 131) % 9000) + (n % 4) * 0.25;
          const close = 8 + (n % 60) + (n % 17) + 5 + (n % 115);
          if (n % 4 === 0) lead.wonAt = at(close, 3);
          else if (n % 4 === 1) lead.lostAt = at(close, 5);
        }
      } else if (n % 9 === 1) {
        lead.disqualifiedAt = at(2 + (n % 40));
      }
      for (const key of ['salesReadyAt', 'opportunityAt', 'wonAt', 'lostAt', 'disqualifiedAt'] as const)
        if ((lead[key] ?? '') > end) delete lead[key];
      rows.push(lead);
    }
  }
  return rows;
}

async function pacing(db: Database, asOf: string, timezone: string, rollups: boolean) {
  const w = pacingWindow({
    quarter: '2026-Q4',
    asOf,
    timezone,
    fiscalYearStartMonth: 1,
    firstDataDate: await firstLeadDate(db, timezone),
  });
  const filter = { from: w.quarter.from, to: w.quarter.to, timezone };
  return { w, figures: await quarterPacing(db, w, filter, rollups ? {} : { rollups: false }) };
}

describeOnBackend('pacing from the rollups is exactly pacing from the leads', () => {
  let handle: DbHandle;
  let sources: number[];
  beforeAll(async () => {
    handle = await openTestDb();
    sources = [
      await addSource(handle.db, 'Webinars', 'marketing'),
      await addSource(handle.db, 'Outbound', 'sales'),
      await addSource(handle.db, 'Partners', 'partner'),
    ];
    // A source whose only lead came a quarter of an hour before the history starts: no curve of its own.
    const events = await addSource(handle.db, 'Events', 'marketing');
    await insertFunnelLeads(handle.db, [
      ...fixture(sources),
      { externalId: 'e-1', createdAt: '2024-09-30T23:45:00Z', sourceId: events },
    ]);
    await insertTargets(handle.db, [
      { quarter: '2026-Q4', metric: 'leads', value: 2000 },
      { quarter: '2026-Q4', metric: 'sales_ready', value: 900 },
      { quarter: '2026-Q4', metric: 'sales_ready', sourceId: sources[0], value: 300 },
      { quarter: '2026-Q4', metric: 'pipeline', value: 3_000_000 },
      { quarter: '2026-Q4', metric: 'revenue', value: 900_000 },
    ]);
  }, 120_000);
  afterAll(() => handle?.close());

  it('as of today (after every recorded stage): the curves read the transition rollups', async () => {
    const { w, figures } = await pacing(handle.db, '2026-12-20', 'UTC', true);
    expect(await rollupsServe(handle.db, { timezone: 'UTC' })).toBe(true);
    expect(await settledBefore(handle.db, w)).toBe(true);
    expect(figures.history.quarters).toHaveLength(8);
    expect(figures.metrics.salesReady.sources.length).toBeGreaterThanOrEqual(3);
    expect(figures.metrics.revenue.overall.projectionParts.funnel).toBeGreaterThan(0);
    expect(figures.metrics.salesReady.sources.map((r) => r.source)).not.toContain('Events');
    expect(figures).toStrictEqual((await pacing(handle.db, '2026-12-20', 'UTC', false)).figures);
  });

  it('as of a day inside the data (a back-test): the shapes from the rollups, the curves from the leads', async () => {
    const { w, figures } = await pacing(handle.db, '2026-08-20', 'UTC', true);
    expect(await settledBefore(handle.db, w)).toBe(false);
    expect(figures).toStrictEqual((await pacing(handle.db, '2026-08-20', 'UTC', false)).figures);
  });

  it('after updates and deletes, by source and in a zone with daylight saving', async () => {
    await handle.db.execute(sql`update leads set won_at = opportunity_at + interval '9 days', lost_at = null
      where id % 10 = 3 and opportunity_at is not null`);
    await handle.db.execute(sql`update leads set source_id = ${defined(sources[1])} where id % 17 = 4`);
    await handle.db.execute(sql`update leads set amount = null where id % 23 = 5`);
    await handle.db.execute(sql`delete from leads where id % 29 = 6`);
    const today = await pacing(handle.db, '2026-12-20', 'UTC', true);
    expect(today.figures).toStrictEqual((await pacing(handle.db, '2026-12-20', 'UTC', false)).figures);

    const bySource = async (rollups: boolean) => {
      const w = pacingWindow({
        quarter: '2026-Q4',
        asOf: '2026-12-20',
        timezone: 'UTC',
        fiscalYearStartMonth: 1,
        firstDataDate: await firstLeadDate(handle.db, 'UTC'),
      });
      const filter = {
        from: w.quarter.from,
        to: w.quarter.to,
        timezone: 'UTC',
        sourceIds: [defined(sources[0])],
      };
      return quarterPacing(handle.db, w, filter, rollups ? {} : { rollups: false });
    };
    expect(await bySource(true)).toStrictEqual(await bySource(false));

    await setSettings(handle.db, { timezone: 'America/New_York' });
    expect(await rollupsServe(handle.db, { timezone: 'America/New_York' })).toBe(true);
    const eastern = await pacing(handle.db, '2026-12-20', 'America/New_York', true);
    expect(await settledBefore(handle.db, eastern.w)).toBe(true);
    expect(eastern.figures).toStrictEqual(
      (await pacing(handle.db, '2026-12-20', 'America/New_York', false)).figures,
    );
  }, 60_000);
});
