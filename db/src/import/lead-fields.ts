import type { LeadStatus } from '../schema/leads';

/** The lead fields a CSV column (or an API item) can fill, in the public API's words. */
export const leadFields = [
  'externalId',
  'createdAt',
  'source',
  'campaign',
  'company',
  'segment',
  'country',
  'owner',
  'mqlAt',
  'salesReadyAt',
  'acceptedAt',
  'opportunityAt',
  'wonAt',
  'lostAt',
  'amount',
  'budget',
  'authority',
  'need',
  'timeframe',
  'score',
  'stage',
] as const;
export type LeadField = (typeof leadFields)[number];

export type FieldKind = 'id' | 'text' | 'date' | 'boolean' | 'score' | 'amount' | 'stage';

export const fieldKinds: Record<LeadField, FieldKind> = {
  externalId: 'id',
  createdAt: 'date',
  source: 'text',
  campaign: 'text',
  company: 'text',
  segment: 'text',
  country: 'text',
  owner: 'text',
  mqlAt: 'date',
  salesReadyAt: 'date',
  acceptedAt: 'date',
  opportunityAt: 'date',
  wonAt: 'date',
  lostAt: 'date',
  amount: 'amount',
  budget: 'boolean',
  authority: 'boolean',
  need: 'boolean',
  timeframe: 'boolean',
  score: 'score',
  stage: 'stage',
};

export function isLeadField(name: string): name is LeadField {
  return (leadFields as readonly string[]).includes(name);
}

/** The funnel stages a stage value can be mapped to; the status follows from it. */
export const funnelStages = [
  'lead',
  'mql',
  'sales_ready',
  'accepted',
  'opportunity',
  'open',
  'won',
  'lost',
  'disqualified',
  'recycled',
] as const;
export type FunnelStage = (typeof funnelStages)[number];

export function statusForStage(stage: string): LeadStatus {
  return stage === 'won' || stage === 'lost' || stage === 'disqualified' || stage === 'recycled'
    ? stage
    : 'open';
}

/**
 * One lead as written: only the keys present are written, so a file (or an API item) that does
 * not carry a field leaves what is stored for it alone. `source` is a name, resolved on write.
 */
export interface LeadWrite {
  externalId: string;
  createdAt?: Date;
  source?: string | null;
  campaign?: string | null;
  company?: string | null;
  segment?: string | null;
  country?: string | null;
  owner?: string | null;
  mqlAt?: Date | null;
  crmSalesReadyAt?: Date | null;
  acceptedAt?: Date | null;
  opportunityAt?: Date | null;
  wonAt?: Date | null;
  lostAt?: Date | null;
  amount?: number | null;
  budget?: boolean;
  authority?: boolean;
  need?: boolean;
  timeframe?: boolean;
  score?: number | null;
  status?: LeadStatus;
  /** The stage as the CRM named it. */
  stage?: string | null;
}

/** The LeadWrite key each field fills (salesReadyAt is the CRM's time: crm_sales_ready_at). */
export const writeKeyOf: Record<Exclude<LeadField, 'stage'>, keyof LeadWrite> = {
  externalId: 'externalId',
  createdAt: 'createdAt',
  source: 'source',
  campaign: 'campaign',
  company: 'company',
  segment: 'segment',
  country: 'country',
  owner: 'owner',
  mqlAt: 'mqlAt',
  salesReadyAt: 'crmSalesReadyAt',
  acceptedAt: 'acceptedAt',
  opportunityAt: 'opportunityAt',
  wonAt: 'wonAt',
  lostAt: 'lostAt',
  amount: 'amount',
  budget: 'budget',
  authority: 'authority',
  need: 'need',
  timeframe: 'timeframe',
  score: 'score',
};

export interface RowProblem {
  line: number;
  /** The CSV column (or the API item's field) at fault; null for the row as a whole. */
  column: string | null;
  message: string;
}
