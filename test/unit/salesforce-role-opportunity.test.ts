import { roleOpportunity } from '@salesready/api/connectors/salesforce/mapping';
import { expect, it } from 'vitest';

// Contact roles as REST answers them (the Opportunity lookup nested) and as a Bulk CSV row (dotted).
const role = (opportunityId: string, primary: boolean | string, created: string) => ({
  OpportunityId: opportunityId,
  IsPrimary: primary,
  Opportunity: { CreatedDate: created },
});

it('chooses the primary role’s opportunity, else the earliest created, else the lowest id', () => {
  const later = role('006000000000002AAA', false, '2026-02-01T09:00:00.000+0000');
  const earlier = role('006000000000003AAA', false, '2026-01-01T09:00:00.000+0000');
  const primary = role('006000000000004AAA', true, '2026-03-01T09:00:00.000+0000');
  expect(roleOpportunity([later, earlier, primary])).toBe(primary);
  expect(roleOpportunity([later, earlier])).toBe(earlier);
  const twin = role('006000000000001AAA', false, '2026-01-01T09:00:00.000+0000');
  expect(roleOpportunity([earlier, twin])).toBe(twin);
  const csv = {
    OpportunityId: '006000000000005AAA',
    IsPrimary: 'true',
    'Opportunity.CreatedDate': '2026-04-01T09:00:00.000Z',
  };
  expect(roleOpportunity([earlier, csv])).toBe(csv);
  expect(roleOpportunity([{ OpportunityId: '', IsPrimary: true }])).toBeNull();
  expect(roleOpportunity([])).toBeNull();
});
