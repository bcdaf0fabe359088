import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { addSource, setSettings } from './factories';
import { addMetricLeads, addSpend, addTouches } from './metrics-factories';

export interface MetricsFixture {
  paid: number;
  webinar: number;
  partner: number;
  ids: Map<string, number>;
}

const yes: [boolean, boolean, boolean, boolean] = [true, true, true, true];

/**
 * Ten leads around 2025-Q1 (UTC, fiscal year from January) with every awkward case the figures
 * must survive; the tests state the hand-computed answers next to each assertion.
 *
 *   lead source   created  mql    SR(crm) accepted opp    won          lost   disq   amount
 *   A1   Paid     01-10    01-12  01-20   01-21    02-01  03-01        .      .      1000  BANT 4, SMB/US/ann
 *   A2   Paid     01-15    01-16  01-25   .        02-10  .            03-10  .       500  SMB/DE/ann (skips SAL)
 *   A3   Paid     02-01    .      .       .        .      .            .      .      .
 *   A4   Paid     03-01    .      03-21   .        .      .            .      .      .     (skips MQL)
 *   W1   Webinar  01-05    01-06  01-09   01-10    01-20  02-15        .      .      3000  BANT 2, ENT/DE/bob
 *   W2   Webinar  02-20    02-21  .       .        .      .            .      02-25  .
 *   P1   Partner  02-10    .      .       .        .      02-01        .      .       700  won BEFORE created
 *   P2   Partner  2024-12-15 .    01-05   .        01-15  04-10        .      .      2000  created last quarter
 *   U1   (none)   03-20    03-21  .       .        .      .            .      .      .
 *   U2   (none)   01-02    .      2024-12-30 .     02-01  .            .      .       400  SR before created, open
 *
 * Spend: Paid 300 in each of Jan, Feb, Mar (and 999 in April, outside); Webinar 200 in Feb.
 * Marketing touches: A1 webinar 01-08, "Paid " 01-15, webinar 01-25, webinar 03-05 (after the win),
 * plus a sales call 01-18; A2 eight "paid" touches 01-16..01-23; A4 seven 03-02..03-08;
 * P1 "newsletter" 01-20 (names no source); U2 "paid" 01-03.
 */
export async function seedMetricsFixture(db: Database): Promise<MetricsFixture> {
  await setSettings(db, { fiscalYearStartMonth: 1, timezone: 'UTC' });
  const paid = await addSource(db, 'Paid', 'marketing');
  const webinar = await addSource(db, 'Webinar', 'marketing');
  const partner = await addSource(db, 'Partner', 'partner');
  const d = (day: string) => `${day}T12:00:00Z`;
  const ids = await addMetricLeads(db, [
    {
      externalId: 'A1',
      sourceId: paid,
      createdAt: d('2025-01-10'),
      mqlAt: d('2025-01-12'),
      crmSalesReadyAt: d('2025-01-20'),
      acceptedAt: d('2025-01-21'),
      opportunityAt: d('2025-02-01'),
      wonAt: d('2025-03-01'),
      amount: 1000,
      bant: yes,
      segment: 'SMB',
      country: 'US',
      owner: 'ann',
    },
    {
      externalId: 'A2',
      sourceId: paid,
      createdAt: d('2025-01-15'),
      mqlAt: d('2025-01-16'),
      crmSalesReadyAt: d('2025-01-25'),
      opportunityAt: d('2025-02-10'),
      lostAt: d('2025-03-10'),
      amount: 500,
      segment: 'SMB',
      country: 'DE',
      owner: 'ann',
    },
    { externalId: 'A3', sourceId: paid, createdAt: d('2025-02-01') },
    { externalId: 'A4', sourceId: paid, createdAt: d('2025-03-01'), crmSalesReadyAt: d('2025-03-21') },
    {
      externalId: 'W1',
      sourceId: webinar,
      createdAt: d('2025-01-05'),
      mqlAt: d('2025-01-06'),
      crmSalesReadyAt: d('2025-01-09'),
      acceptedAt: d('2025-01-10'),
      opportunityAt: d('2025-01-20'),
      wonAt: d('2025-02-15'),
      amount: 3000,
      bant: [true, true, false, false],
      segment: 'ENT',
      country: 'DE',
      owner: 'bob',
    },
    {
      externalId: 'W2',
      sourceId: webinar,
      createdAt: d('2025-02-20'),
      mqlAt: d('2025-02-21'),
      disqualifiedAt: d('2025-02-25'),
    },
    { externalId: 'P1', sourceId: partner, createdAt: d('2025-02-10'), wonAt: d('2025-02-01'), amount: 700 },
    {
      externalId: 'P2',
      sourceId: partner,
      createdAt: d('2024-12-15'),
      crmSalesReadyAt: d('2025-01-05'),
      opportunityAt: d('2025-01-15'),
      wonAt: d('2025-04-10'),
      amount: 2000,
    },
    { externalId: 'U1', createdAt: d('2025-03-20'), mqlAt: d('2025-03-21') },
    {
      externalId: 'U2',
      createdAt: d('2025-01-02'),
      crmSalesReadyAt: d('2024-12-30'),
      opportunityAt: d('2025-02-01'),
      amount: 400,
    },
  ]);
  const id = (key: string) => defined(ids.get(key));
  await addTouches(db, [
    { leadId: id('A1'), occurredAt: d('2025-01-08'), channel: 'webinar' },
    { leadId: id('A1'), occurredAt: d('2025-01-15'), channel: 'Paid ' },
    { leadId: id('A1'), occurredAt: d('2025-01-18'), channel: 'phone', actor: 'sales', kind: 'call' },
    { leadId: id('A1'), occurredAt: d('2025-01-25'), channel: 'webinar' },
    { leadId: id('A1'), occurredAt: d('2025-03-05'), channel: 'webinar' },
    ...Array.from({ length: 8 }, (_, i) => ({
      leadId: id('A2'),
      occurredAt: d(`2025-01-${String(16 + i).padStart(2, '0')}`),
      channel: 'paid',
    })),
    ...Array.from({ length: 7 }, (_, i) => ({
      leadId: id('A4'),
      occurredAt: d(`2025-03-0${2 + i}`),
      channel: 'paid',
    })),
    { leadId: id('P1'), occurredAt: d('2025-01-20'), channel: 'newsletter' },
    { leadId: id('U2'), occurredAt: d('2025-01-03'), channel: 'paid' },
  ]);
  for (const month of ['2025-01-01', '2025-02-01', '2025-03-01']) await addSpend(db, paid, month, 300);
  await addSpend(db, paid, '2025-04-01', 999);
  await addSpend(db, webinar, '2025-02-01', 200);
  return { paid, webinar, partner, ids };
}
