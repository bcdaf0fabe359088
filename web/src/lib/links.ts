import type { GlobalFilter } from './filters';
import type { LeadStage } from './stages';

export interface LeadsLink extends GlobalFilter {
  /** Which stage's time falls in the period (default: lead, i.e. created in the period). */
  dateStage?: LeadStage;
  /** The furthest stage the leads have reached. */
  stage?: LeadStage;
  /** Days created → sales-ready, `from-to` (to exclusive) or `from-`: a bar of the days histogram. */
  srDays?: string;
  /** Marketing touches to sales-ready, `from-to` (both included) or `from-`: a bar of the touches histogram. */
  srTouches?: string;
}

const order = [
  'quarter',
  'from',
  'to',
  'dateStage',
  'stage',
  'srDays',
  'srTouches',
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

export interface PacingLink {
  quarter?: string;
  /** A source to point out in the gap table. */
  focus?: string;
  asOf?: string;
  metric?: string;
  source?: string;
  category?: string;
  segment?: string;
  owner?: string;
}

const pacingOrder = ['quarter', 'asOf', 'metric', 'source', 'category', 'segment', 'owner', 'focus'] as const;

/** A link to the pacing page; the metric is left out when it is the page's default (SRLs). */
export function pacingHref(link: PacingLink): string {
  const params = new URLSearchParams();
  for (const key of pacingOrder) {
    const value = link[key];
    if (value === undefined || value === '') continue;
    if (key === 'metric' && value === 'salesReady') continue;
    params.set(key, value);
  }
  const query = params.toString();
  return query ? `/pacing?${query}` : '/pacing';
}

export type HandoffTab = 'summary' | 'neglected' | 'stalled';

/** A link to a hand-off view: the summary, or one of the waiting lists, with the lead filters. */
export function handoffHref(tab: HandoffTab, filter: GlobalFilter = {}): string {
  const params = new URLSearchParams();
  for (const key of ['quarter', 'from', 'to', 'source', 'category', 'segment', 'owner'] as const) {
    const value = filter[key];
    if (value === undefined || value === '') continue;
    if ((key === 'from' || key === 'to') && filter.quarter) continue;
    params.set(key, value);
  }
  const query = params.toString();
  const path = tab === 'summary' ? '/handoff' : `/handoff/${tab}`;
  return query ? `${path}?${query}` : path;
}

/** The lead drawer over the lead list (the Leads page's `?lead=ID`). */
export function leadHref(id: number): string {
  return `/leads?lead=${id}`;
}
