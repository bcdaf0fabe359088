import type { ConnectorMapping } from '@salesready/api/connectors/mapping';
import { lead } from './salesforce-org';

// A small org for the Salesforce sync tests, in the REST shapes of salesforce-org.ts.

// The org's own statuses for MQL and sales-ready (an admin's mapping, not the defaults).
export const mapping: ConnectorMapping = {
  source: 'LeadSource',
  stages: {
    mql: ['Marketing Qualified'],
    salesReady: ['Sales Qualified'],
    opportunity: ['Closed - Converted'],
  },
};
const won = {
  Id: '006000000000003AAA',
  Amount: 12000,
  StageName: 'Closed Won',
  IsWon: true,
  IsClosed: true,
  CloseDate: '2025-12-01',
  CreatedDate: '2025-10-20T10:00:00.000+0000',
  SystemModstamp: '2025-12-01T10:00:00.000+0000',
};
export const leads = () => [
  lead('00Q000000000001AAA', '2025-10-01T09:00:00.000Z', {
    LeadSource: 'Web',
    Status: 'Sales Qualified',
    Country: 'Germany',
    Company: 'Acme',
  }),
  lead('00Q000000000002AAA', '2025-10-02T09:00:00.000Z', { LeadSource: 'Phone Inquiry' }),
  lead(
    '00Q000000000003AAA',
    '2025-10-05T09:00:00.000Z',
    {
      LeadSource: 'Web',
      Status: 'Closed - Converted',
      ConvertedDate: '2025-10-20',
      ConvertedContactId: '003000000000003AAA',
    },
    won,
  ),
  lead('00Q000000000004AAA', '2025-10-06T09:00:00.000Z', { CreatedDate: 'yesterday', LeadSource: 'Web' }),
  lead('00Q000000000005AAA', '2025-11-01T09:00:00.000Z', {
    LeadSource: 'Partner Referral',
    Status: 'Closed - Not Converted',
  }),
];
export const history = [
  {
    LeadId: '00Q000000000001AAA',
    NewValue: 'Marketing Qualified',
    CreatedDate: '2025-10-03T09:00:00.000+0000',
  },
  { LeadId: '00Q000000000001AAA', NewValue: 'Sales Qualified', CreatedDate: '2025-10-08T09:00:00.000+0000' },
  {
    LeadId: '00Q000000000003AAA',
    NewValue: 'Marketing Qualified',
    CreatedDate: '2025-10-06T09:00:00.000+0000',
  },
  { LeadId: '00Q000000000003AAA', NewValue: 'Sales Qualified', CreatedDate: '2025-10-07T09:00:00.000+0000' },
  {
    LeadId: '00Q000000000003AAA',
    NewValue: 'Closed - Converted',
    CreatedDate: '2025-10-20T09:00:00.000+0000',
  },
];
export const members = () => [
  {
    Id: '00v000000000001AAA',
    LeadId: '00Q000000000001AAA',
    ContactId: null,
    CreatedDate: '2025-10-02T09:00:00.000+0000',
    FirstRespondedDate: '2025-10-02',
    Campaign: { Name: 'Q4 Webinar', Type: 'Webinar' },
    SystemModstamp: '2025-10-02T09:00:00.000+0000',
  },
  {
    // Added after the lead converted: it names the contact, not the lead.
    Id: '00v000000000002AAA',
    LeadId: null,
    ContactId: '003000000000003AAA',
    CreatedDate: '2025-11-02T09:00:00.000+0000',
    FirstRespondedDate: null,
    Campaign: { Name: 'Nurture', Type: 'Email' },
    SystemModstamp: '2025-11-02T09:00:00.000+0000',
  },
  {
    // A contact entered as a contact, never a lead: no touch, and nothing wrong.
    Id: '00v000000000004AAA',
    LeadId: null,
    ContactId: '003000000000099AAA',
    CreatedDate: '2025-11-03T09:00:00.000+0000',
    FirstRespondedDate: null,
    Campaign: { Name: 'Nurture', Type: 'Email' },
    SystemModstamp: '2025-11-03T09:00:00.000+0000',
  },
  {
    Id: '00v000000000003AAA',
    LeadId: '00Q000000000009AAA',
    ContactId: null,
    CreatedDate: '2025-11-03T09:00:00.000+0000',
    FirstRespondedDate: null,
    Campaign: { Name: 'Nurture', Type: 'Email' },
    SystemModstamp: '2025-11-03T09:00:00.000+0000',
  },
];

/** Converted on 2026-01-21 into a contact, with no opportunity. */
export const convertedWithoutOpportunity = () =>
  lead('00Q000000000006AAA', '2026-01-15T09:00:00.000Z', {
    LeadSource: 'Web',
    Status: 'Closed - Converted',
    IsConverted: true,
    ConvertedDate: '2026-01-21',
    ConvertedContactId: '003000000000006AAA',
    SystemModstamp: '2026-01-21T09:00:00.000+0000',
  });
const role = (id: string, opportunityId: string, primary: boolean, opportunity: Record<string, unknown>) => ({
  Id: id,
  ContactId: '003000000000006AAA',
  OpportunityId: opportunityId,
  IsPrimary: primary,
  Role: primary ? 'Decision Maker' : 'Evaluator',
  CreatedDate: '2026-01-26T09:00:00.000+0000',
  SystemModstamp: '2026-01-26T09:00:00.000+0000',
  Opportunity: { Id: opportunityId, ...opportunity },
});
/**
 * Later, that contact gets two opportunities through contact roles: an open one created first, and the
 * one it is the primary contact of, won.
 */
export const laterRoles = () => [
  role('00K000000000001AAA', '006000000000007AAA', false, {
    Amount: 3000,
    StageName: 'Prospecting',
    IsWon: false,
    IsClosed: false,
    CloseDate: '2026-03-31',
    CreatedDate: '2026-01-23T10:00:00.000+0000',
    SystemModstamp: '2026-01-23T10:00:00.000+0000',
  }),
  role('00K000000000002AAA', '006000000000008AAA', true, {
    Amount: 8000,
    StageName: 'Closed Won',
    IsWon: true,
    IsClosed: true,
    CloseDate: '2026-01-30',
    CreatedDate: '2026-01-24T10:00:00.000+0000',
    SystemModstamp: '2026-01-30T10:00:00.000+0000',
  }),
];
