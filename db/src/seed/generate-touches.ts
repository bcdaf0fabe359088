import { defined } from '../defined';
import type { SourceProfile } from './demo-profile';
import type { DemoLead } from './generate-leads';
import { hashSeed, Rng, weighted } from './random';
import { touchCode, touchTypes } from './touch-types';

/** Touches waiting to be inserted, column by column (times in whole seconds since the epoch). */
export interface TouchBuffer {
  leadIds: number[];
  occurredAt: number[];
  codes: number[];
}

export const emptyTouchBuffer = (): TouchBuffer => ({ leadIds: [], occurredAt: [], codes: [] });

// Marketing's everyday mix; each lead also sees its own channel again now and then.
const marketingMix = weighted([
  [touchCode.nurtureEmail, 40],
  [touchCode.directVisit, 12],
  [touchCode.organicVisit, 12],
  [touchCode.siteContent, 12],
  [touchCode.webinar, 8],
  [touchCode.paidClick, 7],
  [touchCode.linkedinForm, 5],
  [touchCode.syndicatedContent, 2],
  [touchCode.tradeShow, 2],
]);
const duringSalesMix = weighted([
  [touchCode.nurtureEmail, 50],
  [touchCode.siteContent, 25],
  [touchCode.webinar, 15],
  [touchCode.directVisit, 10],
]);
const salesMix = weighted([
  [touchCode.call, 55],
  [touchCode.videoMeeting, 35],
  [touchCode.onsiteMeeting, 10],
]);

/** The share of sales-sourced (outbound) leads that marketing touches at all. */
const outboundWithMarketing = 0.3;

// Sales calls and meetings after the first follow-up, by where the conversation goes.
const salesTouchRange = { rejected: [0, 1], 'no-deal': [1, 4], deal: [4, 10] } as const;

/**
 * A lead's touches, from its own random stream so they do not shift when lead fields change:
 * marketing touches between creation and sales-ready (mostly 7–15), nurture for the others,
 * and sales calls and meetings from the first follow-up to the close. Nothing after now.
 */
export function generateTouches(
  lead: DemoLead,
  leadId: number,
  profile: SourceProfile,
  seed: number,
  now: number,
  out: TouchBuffer,
): number {
  const rng = new Rng(hashSeed(seed, lead.index, 2));
  const times: number[] = [];
  const codes: number[] = [];
  const add = (at: number, code: number) => {
    if (at > now) return;
    times.push(Math.floor(at / 1000));
    codes.push(code);
  };
  // Strictly inside (from, to): boundary ties would make "touches before sales-ready" ambiguous.
  const within = (from: number, to: number) => from + (to - from) * rng.between(0.005, 0.995);
  const ownChannel = touchCode[profile.firstTouch];
  const ownIsMarketing = touchTypes[profile.firstTouch].actor === 'marketing';
  const marketingTouch = () => (ownIsMarketing && rng.chance(0.25) ? ownChannel : rng.weighted(marketingMix));

  // The touch that created the lead, a moment after it was created.
  add(lead.createdAt + rng.int(1, 90) * 1000, ownChannel);

  // Sales-sourced leads are worked by their SDRs: most never hear from marketing, so a deal's
  // marketing influence is a fact about the deal, not a given (some do: a webinar, a nurture email).
  const heardFromMarketing = profile.category !== 'sales' || rng.chance(outboundWithMarketing);

  const readyAt = lead.plannedSalesReadyAt;
  if (readyAt !== null) {
    const count = heardFromMarketing
      ? Math.min(30, Math.max(2, Math.round(rng.lognormal(profile.touchesToSalesReady, 0.25))))
      : 1;
    for (let i = 1; i < count; i++) add(within(lead.createdAt, readyAt), marketingTouch());
    if (profile.sdrCalls) {
      const calls = rng.int(profile.sdrCalls[0], profile.sdrCalls[1]);
      for (let i = 0; i < calls; i++) add(within(lead.createdAt, readyAt), touchCode.sdrCall);
    }
  } else {
    const count = Math.min(
      30,
      Math.max(1, Math.round(rng.lognormal(profile.touchesToSalesReady * 0.85, 0.5))),
    );
    const end = Math.max(lead.createdAt + 60_000, lead.nurtureEndAt);
    for (let i = 1; i < count; i++) add(within(lead.createdAt, end), marketingTouch());
  }

  const followUpAt = lead.firstFollowUpAt;
  if (followUpAt !== null && readyAt !== null) {
    const end = Math.max(followUpAt + 3_600_000, lead.salesEndAt ?? now);
    // Marketing keeps nurturing during the sales conversation (marketing-influenced deals).
    const nurture = heardFromMarketing ? rng.int(0, 3) : 0;
    for (let i = 0; i < nurture; i++) add(within(readyAt, end), rng.weighted(duringSalesMix));
    add(followUpAt, touchCode.call);
    const [fewest, most] = salesTouchRange[lead.salesPath ?? 'rejected'];
    const more = rng.int(fewest, most);
    for (let i = 0; i < more; i++) add(within(followUpAt, end), rng.weighted(salesMix));
  }

  // Sorted, so a lead's touch ids follow its timeline.
  const order = times
    .map((_, i) => i)
    .sort((a, b) => defined(times[a]) - defined(times[b]) || defined(codes[a]) - defined(codes[b]));
  for (const i of order) {
    out.leadIds.push(leadId);
    out.occurredAt.push(defined(times[i]));
    out.codes.push(defined(codes[i]));
  }
  return order.length;
}
