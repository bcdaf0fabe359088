import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { insertFunnelLeads, insertTouches } from '../helpers/pacing-fixtures';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const now = new Date('2026-02-20T12:00:00Z');
const quarter = { from: '2026-01-01', to: '2026-04-01', timezone: 'UTC' };
const lastYear = { from: '2025-02-20', to: '2026-02-21', timezone: 'UTC' };

/**
 * Hand-off fixture, now = 2026-02-20 12:00 UTC, SLA 48 h, stalled after 14 days. In 2026-Q1:
 *   H1 Paid/Ann  ready 02-01, sales call +2 h (a marketing email at +1 h does not count), accepted
 *   H2 Paid/Bob  ready 02-02, sales call +60 h (late), accepted
 *   H3 Web/Ann   ready 02-03, call +10 h, never accepted, disqualified "No budget"
 *   H4 Web/Bob   ready 02-10, nothing since: neglected, 252 h waiting
 *   H5 Paid/Ann  ready 02-19 12:00, nothing yet: 24 h, inside the SLA (pending)
 *   H6 Paid/Bob  ready 01-20, call +4 h, accepted, opportunity 01-25, last touch 01-26: stalled
 *   H7 —/—       ready 02-05, only an SDR call before it; recycled (rejected, not neglected)
 * And H8 (Paid/Ann), ready 2025-12-15, never touched: neglected and stalled, outside the quarter.
 */
describeOnBackend('hand-off health on hand-computed leads', () => {
  let handle: DbHandle;
  let paid: number;
  let web: number;
  beforeAll(async () => {
    handle = await openTestDb();
    paid = await addSource(handle.db, 'Paid search');
    web = await addSource(handle.db, 'Webinars');
    const ids = await insertFunnelLeads(handle.db, [
      {
        externalId: 'H1',
        createdAt: '2026-01-25T00:00:00Z',
        sourceId: paid,
        owner: 'Ann',
        company: 'Acme',
        salesReadyAt: '2026-02-01T00:00:00Z',
        acceptedAt: '2026-02-01T05:00:00Z',
      },
      {
        externalId: 'H2',
        createdAt: '2026-01-25T00:00:00Z',
        sourceId: paid,
        owner: 'Bob',
        salesReadyAt: '2026-02-02T00:00:00Z',
        acceptedAt: '2026-02-04T13:00:00Z',
      },
      {
        externalId: 'H3',
        createdAt: '2026-01-25T00:00:00Z',
        sourceId: web,
        owner: 'Ann',
        salesReadyAt: '2026-02-03T00:00:00Z',
        disqualifiedAt: '2026-02-05T00:00:00Z',
        disqualifyReason: 'No budget',
      },
      {
        externalId: 'H4',
        createdAt: '2026-01-25T00:00:00Z',
        sourceId: web,
        owner: 'Bob',
        company: 'Globex',
        salesReadyAt: '2026-02-10T00:00:00Z',
      },
      {
        externalId: 'H5',
        createdAt: '2026-02-15T00:00:00Z',
        sourceId: paid,
        owner: 'Ann',
        salesReadyAt: '2026-02-19T12:00:00Z',
      },
      {
        externalId: 'H6',
        createdAt: '2026-01-10T00:00:00Z',
        sourceId: paid,
        owner: 'Bob',
        salesReadyAt: '2026-01-20T00:00:00Z',
        acceptedAt: '2026-01-20T05:00:00Z',
        opportunityAt: '2026-01-25T00:00:00Z',
        amount: 5000,
      },
      {
        externalId: 'H7',
        createdAt: '2026-01-25T00:00:00Z',
        salesReadyAt: '2026-02-05T00:00:00Z',
        status: 'recycled',
      },
      {
        externalId: 'H8',
        createdAt: '2025-12-01T00:00:00Z',
        sourceId: paid,
        owner: 'Ann',
        salesReadyAt: '2025-12-15T00:00:00Z',
      },
    ]);
    const [h1, h2, h3, , , h6, h7] = ids as [number, number, number, number, number, number, number];
    await insertTouches(handle.db, [
      { leadId: h1, occurredAt: '2026-02-01T01:00:00Z', actor: 'marketing' },
      { leadId: h1, occurredAt: '2026-02-01T02:00:00Z', actor: 'sales' },
      { leadId: h1, occurredAt: '2026-02-18T00:00:00Z', actor: 'sales' },
      { leadId: h2, occurredAt: '2026-02-04T12:00:00Z', actor: 'sales' },
      { leadId: h2, occurredAt: '2026-02-15T00:00:00Z', actor: 'sales' },
      { leadId: h3, occurredAt: '2026-02-03T10:00:00Z', actor: 'sales' },
      { leadId: h6, occurredAt: '2026-01-20T04:00:00Z', actor: 'sales' },
      { leadId: h6, occurredAt: '2026-01-26T00:00:00Z', actor: 'sales' },
      { leadId: h7, occurredAt: '2026-02-04T00:00:00Z', actor: 'sales' },
      // After now: not seen.
      { leadId: defined(ids[3]), occurredAt: '2026-02-21T00:00:00Z', actor: 'sales' },
    ]);
  });
  afterAll(() => handle?.close());

  it('measures speed to lead, SLA attainment and acceptance over the quarter', async () => {
    const s = await speedToLead(handle.db, quarter, { slaHours: 48, now });
    // Followed up: H1 2 h, H6 4 h, H3 10 h, H2 60 h → median 7, p75 10 + 0.25 × 50 = 22.5.
    // Within 48 h: H1 H3 H6; breached: H2 (late), H4 and H7 (none, SLA over); pending: H5 → 3 ÷ 6.
    expect(s.overall).toEqual({
      salesReady: 7,
      followedUp: 4,
      withinSla: 3,
      breached: 3,
      pending: 1,
      slaAttainment: 0.5,
      medianHours: 7,
      p75Hours: 22.5,
      accepted: 3,
      acceptedRate: 3 / 7,
      rejected: 2,
      rejectedRate: 2 / 7,
      disqualified: 1,
      disqualifiedRate: 1 / 7,
    });
    expect(s.reasons).toEqual([{ reason: 'No budget', count: 1, share: 1 }]);
    // Paid: H1 H2 H5 H6 → followed 2, 60, 4 h (median 4); within 2, breached 1, pending 1.
    expect(
      s.bySource.map((r) => [r.source, r.salesReady, r.withinSla, r.breached, r.pending, r.medianHours]),
    ).toEqual([
      ['Paid search', 4, 2, 1, 1, 4],
      ['Webinars', 2, 1, 1, 0, 10],
      ['(no source)', 1, 0, 1, 0, null],
    ]);
    expect(defined(s.bySource[0]).slaAttainment).toBeCloseTo(2 / 3, 12);
    expect(s.byOwner.map((r) => [r.owner, r.salesReady, r.medianHours])).toEqual([
      ['Ann', 3, 6],
      ['Bob', 3, 32],
      [null, 1, null],
    ]);
  });

  it('lists neglected SRLs, longest waiting first, with the count before paging', async () => {
    const all = await neglectedLeads(handle.db, lastYear, { slaHours: 48, now, limit: 50, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.externalId)).toEqual(['H8', 'H4']);
    expect(all.rows[1]).toMatchObject({
      externalId: 'H4',
      company: 'Globex',
      sourceId: web,
      source: 'Webinars',
      owner: 'Bob',
      salesReadyAt: '2026-02-10T00:00:00Z',
      hoursWaiting: 252,
    });
    const page2 = await neglectedLeads(handle.db, lastYear, { slaHours: 48, now, limit: 1, offset: 1 });
    expect(page2).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page2.rows.map((r) => r.externalId)).toEqual(['H4']);
    const inQuarter = await neglectedLeads(handle.db, quarter, { slaHours: 48, now, limit: 50, offset: 0 });
    expect(inQuarter.rows.map((r) => r.externalId)).toEqual(['H4']);
    // A longer SLA: H4 (252 h) is still late, H8 too; an SLA of 300 h leaves only H8.
    const lenient = await neglectedLeads(handle.db, lastYear, { slaHours: 300, now, limit: 50, offset: 0 });
    expect(lenient.rows.map((r) => r.externalId)).toEqual(['H8']);
    const bySource = await neglectedLeads(
      handle.db,
      { ...lastYear, sourceIds: [paid] },
      { slaHours: 48, now, limit: 50, offset: 0 },
    );
    expect(bySource.rows.map((r) => r.externalId)).toEqual(['H8']);
  });

  it('lists stalled open leads with their stage, age and last activity', async () => {
    const s = await stalledLeads(handle.db, lastYear, { stalledDays: 14, now, limit: 50, offset: 0 });
    expect(s.total).toBe(2);
    expect(s.rows.map((r) => [r.externalId, r.stage])).toEqual([
      ['H8', 'sales_ready'],
      ['H6', 'opportunity'],
    ]);
    expect(s.rows[1]).toMatchObject({
      stageAt: '2026-01-25T00:00:00Z',
      daysInStage: 26.5,
      lastActivityAt: '2026-01-26T00:00:00Z',
      daysSinceActivity: 25.5,
      amount: 5000,
    });
    // H4 went quiet 10.5 days ago: stalled only with a shorter threshold.
    const tight = await stalledLeads(handle.db, lastYear, { stalledDays: 10, now, limit: 50, offset: 0 });
    expect(tight.rows.map((r) => r.externalId)).toEqual(['H8', 'H6', 'H4']);
  });
});
