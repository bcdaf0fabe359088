import type { ImportMode, LeadField } from './api/preview-import';

export type FieldKind = 'id' | 'text' | 'date' | 'boolean' | 'score' | 'amount' | 'stage';

export interface FieldInfo {
  label: string;
  hint: string;
  kind: FieldKind;
  group: 'lead' | 'stages' | 'deal' | 'qualification';
}

/** The four BANT answers read the same way: a yes or a no. */
function bant(part: string): FieldInfo {
  return {
    label: `BANT: ${part}`,
    hint: 'Yes/no, true/false or 1/0.',
    kind: 'boolean',
    group: 'qualification',
  };
}

/** The lead fields a column can fill, in the order the mapping table lists them (PRODUCT.md, data model). */
export const fieldInfo: Record<LeadField, FieldInfo> = {
  externalId: {
    label: 'Lead ID',
    hint: 'Unique per lead in your CRM: importing again updates the lead, never duplicates it.',
    kind: 'id',
    group: 'lead',
  },
  createdAt: { label: 'Created', hint: 'When the lead was created.', kind: 'date', group: 'lead' },
  source: {
    label: 'Source',
    hint: 'A source SalesReady does not know yet is added under Other.',
    kind: 'text',
    group: 'lead',
  },
  campaign: { label: 'Campaign', hint: 'Campaign or landing page.', kind: 'text', group: 'lead' },
  company: { label: 'Company', hint: 'Company or account name.', kind: 'text', group: 'lead' },
  segment: { label: 'Segment', hint: 'Segment or industry.', kind: 'text', group: 'lead' },
  country: { label: 'Country', hint: 'Country or region.', kind: 'text', group: 'lead' },
  owner: { label: 'Owner', hint: 'The sales rep who owns the lead.', kind: 'text', group: 'lead' },
  stage: {
    label: 'Stage or status',
    hint: 'The CRM’s stage; map its values to funnel stages below.',
    kind: 'stage',
    group: 'stages',
  },
  mqlAt: { label: 'Became MQL', hint: 'Marketing qualified.', kind: 'date', group: 'stages' },
  salesReadyAt: {
    label: 'Became sales-ready',
    hint: 'The CRM’s sales-ready (SQL) time; the sales-ready rule decides whether it counts.',
    kind: 'date',
    group: 'stages',
  },
  acceptedAt: {
    label: 'Accepted by sales',
    hint: 'A rep picked it up (SAL).',
    kind: 'date',
    group: 'stages',
  },
  opportunityAt: { label: 'Became opportunity', hint: 'Opportunity opened.', kind: 'date', group: 'stages' },
  wonAt: { label: 'Won', hint: 'Deal won; a won date marks the lead won.', kind: 'date', group: 'stages' },
  lostAt: { label: 'Lost', hint: 'Deal lost.', kind: 'date', group: 'stages' },
  amount: { label: 'Amount', hint: 'Deal amount, in the company currency.', kind: 'amount', group: 'deal' },
  score: { label: 'Lead score', hint: 'A 0–100 score from the CRM.', kind: 'score', group: 'qualification' },
  budget: bant('budget'),
  authority: bant('authority'),
  need: bant('need'),
  timeframe: bant('timeframe'),
};

export const fieldGroups = [
  { id: 'lead', label: 'The lead' },
  { id: 'stages', label: 'Stage and stage dates' },
  { id: 'deal', label: 'Deal' },
  { id: 'qualification', label: 'Qualification' },
] as const;

export const leadFields = Object.keys(fieldInfo) as LeadField[];

/** Whether the import cannot go without the field (a column or a fixed value). */
export function isRequired(field: LeadField, mode: ImportMode): boolean {
  return field === 'externalId' || (field === 'createdAt' && mode === 'upsert');
}

/** The funnel stages a stage value can be mapped to (the API's words) and how they read. */
export const stageChoices = [
  { value: 'lead', label: 'Lead' },
  { value: 'mql', label: 'MQL' },
  { value: 'sales_ready', label: 'Sales-ready (SRL)' },
  { value: 'accepted', label: 'Accepted (SAL)' },
  { value: 'opportunity', label: 'Opportunity' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
  { value: 'disqualified', label: 'Disqualified' },
  { value: 'recycled', label: 'Recycled' },
] as const;

const stageLabels = new Map<string, string>(stageChoices.map((s) => [s.value, s.label]));

/** A stored stage in words; a value that names no funnel stage is kept as the CRM wrote it. */
export function stageLabel(stage: string): string {
  return stageLabels.get(stage) ?? stage;
}

export const modeNames: Record<ImportMode, string> = {
  upsert: 'New and updated leads',
  update: 'Updates only',
};
