import type { GlobalFilter } from './filters';
import type { LeadStage } from './stages';

export interface LeadsLink extends GlobalFilter {
  /** Which stage's time falls in the period (default: lead, i.e. created in the period). */
  dateStage?: LeadStage;
  /** The furthest stage the leads have reached. */
  stage?: LeadStage;
}

const order = [
  'quarter',
  'from',
  'to',
  'dateStage',
  'stage',
  'source',
  'category',
  'segment',
  'owner',
] as const;

/** A link to the lead list: the drill-down behind every figure. */
export function leadsHref(link: LeadsLink): string {
  const params = new URLSearchParams();
  for (const key of order) {
    const value = link[key];
    if (value === undefined || value === '') continue;
    if ((key === 'from' || key === 'to') && link.quarter) continue;
    if (key === 'dateStage' && value === 'lead') continue;
    params.set(key, value);
  }
  const query = params.toString();
  return query ? `/leads?${query}` : '/leads';
}
