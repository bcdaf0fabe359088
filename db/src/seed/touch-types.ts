import type { TouchActor } from '../schema/touches';

export interface TouchType {
  kind: string;
  channel: string;
  actor: TouchActor;
}

/**
 * Every kind of touch the demo writes. A channel that names a source (its key) lets
 * first-touch / last-touch / linear attribution map touches back to sources.
 */
export const touchTypes = {
  paidClick: { kind: 'web visit', channel: 'paid search', actor: 'marketing' },
  organicVisit: { kind: 'web visit', channel: 'organic search', actor: 'marketing' },
  directVisit: { kind: 'web visit', channel: 'direct', actor: 'marketing' },
  webinar: { kind: 'webinar', channel: 'webinars', actor: 'marketing' },
  syndicatedContent: { kind: 'content', channel: 'content syndication', actor: 'marketing' },
  siteContent: { kind: 'content', channel: 'website', actor: 'marketing' },
  linkedinForm: { kind: 'content', channel: 'linkedin ads', actor: 'marketing' },
  tradeShow: { kind: 'event', channel: 'events & trade shows', actor: 'marketing' },
  nurtureEmail: { kind: 'email', channel: 'email', actor: 'marketing' },
  partnerIntro: { kind: 'email', channel: 'partner referrals', actor: 'marketing' },
  sdrCall: { kind: 'call', channel: 'outbound sdr', actor: 'sales' },
  call: { kind: 'call', channel: 'phone', actor: 'sales' },
  videoMeeting: { kind: 'meeting', channel: 'video', actor: 'sales' },
  onsiteMeeting: { kind: 'meeting', channel: 'on-site', actor: 'sales' },
} as const satisfies Record<string, TouchType>;

export type TouchTypeName = keyof typeof touchTypes;

const names = Object.keys(touchTypes) as TouchTypeName[];

/** Touches travel to SQL as small integer codes, 1-based like Postgres arrays. */
export const touchCode = Object.fromEntries(names.map((name, i) => [name, i + 1])) as Record<
  TouchTypeName,
  number
>;

/** The lookup arrays the insert statement indexes with those codes. */
export const touchCodeTable = {
  kinds: names.map((name) => touchTypes[name].kind),
  channels: names.map((name) => touchTypes[name].channel),
  actors: names.map((name) => touchTypes[name].actor),
};
