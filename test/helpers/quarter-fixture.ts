import type { Database } from '@salesready/db/client';
import { addLeads, addSource, setSettings } from './factories';

const yes: [boolean, boolean, boolean, boolean] = [true, true, true, true];

/**
 * Leads around fiscal quarter 2026-Q1 with a fiscal year starting in February, in New York time:
 * 2025-02-01 00:00 EST (05:00Z) to 2025-05-01 00:00 EDT (04:00Z). Hand-computed figures for it:
 *   leads created 8 (L1 L3 L5 L7 L8 L9 L10 L11), of which sales-ready 4 (L1 L5 L7 L10) → rate 0.5;
 *   sales-ready in the quarter 5 (L1 L5 L6 L7 L10); days to sales-ready 4, 10, 26, 2 (L7 is out of
 *   order and left out) → median 7; won revenue 1000 (L8) + 500 (L9, won before it was created) = 1500.
 * Previous quarter 2025-Q4 (2024-11-01..2025-02-01): leads 2 (L2 L6), sales-ready of them 1 → 0.5,
 *   sales-ready in it 0, median null, revenue 0. Year before, 2025-Q1: nothing, rate null.
 */
export async function seedQuarterFixture(db: Database): Promise<{ paid: number; partner: number }> {
  await setSettings(db, { fiscalYearStartMonth: 2, timezone: 'America/New_York' });
  const paid = await addSource(db, 'Paid search', 'marketing');
  const partner = await addSource(db, 'Partner referrals', 'partner');
  await addLeads(db, [
    {
      externalId: 'L1',
      createdAt: '2025-02-01T05:00:00Z',
      crmSalesReadyAt: '2025-02-05T05:00:00Z',
      bant: yes,
      sourceId: paid,
    },
    { externalId: 'L2', createdAt: '2025-02-01T04:59:59Z', sourceId: paid },
    { externalId: 'L3', createdAt: '2025-05-01T03:59:59Z', sourceId: partner },
    { externalId: 'L4', createdAt: '2025-05-01T04:00:00Z', sourceId: partner },
    {
      externalId: 'L5',
      createdAt: '2025-03-10T12:00:00Z',
      crmSalesReadyAt: '2025-03-20T12:00:00Z',
      sourceId: partner,
    },
    {
      externalId: 'L6',
      createdAt: '2025-01-15T12:00:00Z',
      crmSalesReadyAt: '2025-02-10T12:00:00Z',
      sourceId: paid,
    },
    {
      externalId: 'L7',
      createdAt: '2025-03-01T12:00:00Z',
      crmSalesReadyAt: '2025-02-20T12:00:00Z',
      sourceId: paid,
    },
    {
      externalId: 'L8',
      createdAt: '2025-03-05T12:00:00Z',
      wonAt: '2025-03-30T12:00:00Z',
      amount: 1000,
      sourceId: partner,
    },
    {
      externalId: 'L9',
      createdAt: '2025-04-01T12:00:00Z',
      wonAt: '2025-03-15T12:00:00Z',
      amount: 500,
      sourceId: paid,
    },
    {
      externalId: 'L10',
      createdAt: '2025-03-02T12:00:00Z',
      mqlAt: '2025-03-04T12:00:00Z',
      bant: yes,
      sourceId: paid,
    },
    { externalId: 'L11', createdAt: '2025-03-03T12:00:00Z', bant: [true, true, true, false], sourceId: paid },
  ]);
  return { paid, partner };
}
