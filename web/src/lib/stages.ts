/** Stages, in funnel order, then the exits; the keys the API uses. */
export const funnelStageKeys = ['lead', 'mql', 'salesReady', 'accepted', 'opportunity', 'won'] as const;
export const leadStageKeys = [...funnelStageKeys, 'lost', 'disqualified'] as const;
export type LeadStage = (typeof leadStageKeys)[number];

export const stageNames: Record<LeadStage, string> = {
  lead: 'Lead',
  mql: 'MQL',
  salesReady: 'SRL',
  accepted: 'SAL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
};

/** The stage in words, for headings and tooltips (PRODUCT.md, "Funnel and definitions"). */
export const stageLongNames: Record<LeadStage, string> = {
  lead: 'Lead (created)',
  mql: 'MQL (marketing qualified)',
  salesReady: 'SRL (sales-ready)',
  accepted: 'SAL (sales accepted)',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
};

export function stageName(stage: string): string {
  return stageNames[stage as LeadStage] ?? stage;
}

export function isLeadStage(value: string): value is LeadStage {
  return (leadStageKeys as readonly string[]).includes(value);
}
