import { defined } from '../defined';
import type { LeadStatus } from '../schema/leads';
import { companyName } from './company-names';
import { DAY_MS, type DemoCalendar, HOUR_MS, monthLabel } from './demo-calendar';
import {
  bantDisqualifyReasons,
  countries,
  followUpHours,
  type Lag,
  neglect,
  otherDisqualifyReasons,
  type Segment,
  type SourceProfile,
  salesDisqualifyReasons,
  segmentProfiles,
  segments,
  shortfall,
  webinarTopics,
} from './demo-profile';
import { hashSeed, Rng, type Weighted, weighted } from './random';
import { cellAt, peakOn, type VolumePlan } from './volume-plan';

/** One demo lead: the row's values (times in ms, whole seconds, never after now) and its plan. */
export interface DemoLead {
  index: number;
  source: number;
  externalId: string;
  createdAt: number;
  campaign: string;
  company: string;
  segment: Segment;
  country: string;
  owner: string;
  mqlAt: number | null;
  salesReadyAt: number | null;
  acceptedAt: number | null;
  opportunityAt: number | null;
  wonAt: number | null;
  lostAt: number | null;
  disqualifiedAt: number | null;
  bant: [budget: boolean, authority: boolean, need: boolean, timeframe: boolean];
  score: number;
  amount: number | null;
  status: LeadStatus;
  disqualifyReason: string | null;
  updatedAt: number;
  // Not columns: what the touch generator follows. Planned times may lie after now.
  /** When the lead becomes (or would become) sales-ready; null if it never does. */
  plannedSalesReadyAt: number | null;
  /** First sales call after sales-ready; null for neglected leads. */
  firstFollowUpAt: number | null;
  /** When the sales conversation ends (close, disqualification, recycling). */
  salesEndAt: number | null;
  /** Where the sales conversation is heading: rejected by sales, accepted without a deal, or a deal. */
  salesPath: 'rejected' | 'no-deal' | 'deal' | null;
  /** When marketing stops nurturing a lead that never became sales-ready. */
  nurtureEndAt: number;
}

export interface LeadContext {
  profiles: readonly SourceProfile[];
  calendar: DemoCalendar;
  plan: VolumePlan;
  seed: number;
  leadCount: number;
  segmentChoices: Weighted<Segment>[];
  countryChoices: Weighted<(typeof countries)[number]>;
}

export function leadContext(
  profiles: readonly SourceProfile[],
  calendar: DemoCalendar,
  plan: VolumePlan,
  seed: number,
  leadCount: number,
): LeadContext {
  return {
    profiles,
    calendar,
    plan,
    seed,
    leadCount,
    segmentChoices: profiles.map((p) =>
      weighted(segments.map((s, i) => [s, defined(p.segments[i])] as const)),
    ),
    countryChoices: weighted(countries.map((c) => [c, c[1]] as const)),
  };
}

const SLA_MS = 48 * HOUR_MS;
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const days = (rng: Rng, lag: Lag, min = 0.05) =>
  Math.max(min, rng.lognormal(lag.median, lag.spread)) * DAY_MS;

/**
 * Lead `index` of `leadCount`, a pure function of (seed, index, now): the touch pass
 * regenerates leads instead of holding a million of them in memory.
 */
export function generateLead(ctx: LeadContext, index: number): DemoLead {
  const { calendar, plan } = ctx;
  const now = calendar.now;
  const rng = new Rng(hashSeed(ctx.seed, index, 1));
  const { day, source } = cellAt(plan, (index + rng.next()) / ctx.leadCount);
  const profile = defined(ctx.profiles[source]);
  const dayStart = calendar.start + day * DAY_MS;

  // Most leads arrive in working hours; today's only up to now.
  const dayLength = Math.min(DAY_MS, now - dayStart);
  let offset = rng.chance(0.8) ? (7 + 12 * rng.next()) * HOUR_MS : rng.next() * DAY_MS;
  if (offset >= dayLength) offset = rng.next() * dayLength;
  const createdAt = wholeSecond(dayStart + offset);

  const segment = rng.weighted(defined(ctx.segmentChoices[source]));
  const segmentProfile = segmentProfiles[segment];
  const [country, , suffixes] = rng.weighted(ctx.countryChoices);
  const owner = rng.pick(segmentProfile.owners);
  const company = companyName(rng, suffixes);
  const peak = peakOn(profile, dayStart);
  const campaign = fillCampaign(
    peak && rng.chance(0.85) ? peak.campaign : rng.pick(profile.campaigns),
    createdAt,
  );

  const hitByShortfall = source === plan.shortfallSource && createdAt >= plan.shortfallStart;
  const salesReadyRate =
    profile.salesReadyRate * segmentProfile.salesReady * (hitByShortfall ? shortfall.salesReadyRate : 1);

  const lead: DemoLead = {
    index,
    source,
    externalId: `demo-${String(index + 1).padStart(6, '0')}`,
    createdAt,
    campaign,
    company,
    segment,
    country,
    owner,
    mqlAt: null,
    salesReadyAt: null,
    acceptedAt: null,
    opportunityAt: null,
    wonAt: null,
    lostAt: null,
    disqualifiedAt: null,
    bant: [false, false, false, false],
    score: 0,
    amount: null,
    status: 'open',
    disqualifyReason: null,
    updatedAt: createdAt,
    plannedSalesReadyAt: null,
    firstFollowUpAt: null,
    salesEndAt: null,
    salesPath: null,
    nurtureEndAt: createdAt + days(rng, { median: 60, spread: 0.6 }, 3),
  };
  // Each planned event happens only if its time has come.
  const reached = (at: number) => (at <= now ? wholeSecond(at) : null);

  if (rng.chance(salesReadyRate)) {
    const readyAt = createdAt + days(rng, profile.daysToSalesReady, 0.25);
    lead.plannedSalesReadyAt = wholeSecond(readyAt);
    lead.mqlAt = reached(createdAt + (readyAt - createdAt) * rng.between(0.15, 0.85));
    if (readyAt <= now) {
      lead.salesReadyAt = wholeSecond(readyAt);
      lead.bant = [true, true, true, true];
      followSalesReadyLead(lead, profile, rng, calendar, reached);
    } else {
      // Still on its way: some BANT answers are in already.
      lead.bant = partialBant(rng, [0.7, 0.7, 0.8, 0.5]);
    }
  } else {
    lead.bant = partialBant(rng, profile.bant);
    const mqlAt = rng.chance(profile.mqlRate) ? createdAt + days(rng, profile.daysToMql) : null;
    lead.mqlAt = mqlAt === null ? null : reached(mqlAt);
    if (rng.chance(profile.disqualifyRate)) {
      const at = (mqlAt ?? createdAt) + days(rng, { median: 12, spread: 0.9 });
      lead.nurtureEndAt = Math.min(lead.nurtureEndAt, at);
      if (at <= now) {
        lead.status = 'disqualified';
        lead.disqualifiedAt = wholeSecond(at);
        lead.disqualifyReason = marketingDisqualifyReason(rng, lead.bant);
      }
    } else if (mqlAt !== null && rng.chance(0.45) && mqlAt + days(rng, { median: 40, spread: 0.5 }) <= now) {
      // Back to nurture: the status says so; the schema keeps no time for it.
      lead.status = 'recycled';
    }
  }

  const bantCount = lead.bant.filter(Boolean).length;
  lead.score = Math.round(
    Math.min(99, Math.max(1, 8 + 17 * bantCount + 7 * rng.normal() + (lead.mqlAt === null ? 0 : 5))),
  );
  lead.updatedAt = Math.max(
    createdAt,
    ...[
      lead.mqlAt,
      lead.salesReadyAt,
      lead.acceptedAt,
      lead.opportunityAt,
      lead.wonAt,
      lead.lostAt,
      lead.disqualifiedAt,
    ].map((t) => t ?? 0),
  );
  return lead;
}

/** Sales' side of a sales-ready lead: follow-up, acceptance, opportunity, close. */
function followSalesReadyLead(
  lead: DemoLead,
  profile: SourceProfile,
  rng: Rng,
  calendar: DemoCalendar,
  reached: (at: number) => number | null,
): void {
  const readyAt = defined(lead.salesReadyAt);
  const segment = segmentProfiles[lead.segment];
  const overloaded = neglect.overloadedOwners.includes(lead.owner) ? neglect.overloadFactor : 1;
  const neglected =
    readyAt >= calendar.currentQuarterStart &&
    readyAt <= calendar.now - SLA_MS &&
    rng.chance(neglect.rate * overloaded);
  if (neglected) return;

  const followUpAt =
    readyAt + Math.max(0.1, rng.lognormal(followUpHours.median, followUpHours.spread)) * HOUR_MS;
  lead.firstFollowUpAt = wholeSecond(followUpAt);
  if (!rng.chance(profile.acceptRate)) {
    const endAt = followUpAt + days(rng, { median: 4, spread: 0.7 });
    lead.salesEndAt = endAt;
    lead.salesPath = 'rejected';
    if (endAt <= calendar.now) closeWithoutDeal(lead, rng, endAt, 0.7);
    return;
  }
  const acceptedAt = followUpAt + rng.between(0.2, 20) * HOUR_MS;
  lead.acceptedAt = reached(acceptedAt);
  if (!rng.chance(profile.opportunityRate)) {
    const endAt = acceptedAt + days(rng, { median: 21, spread: 0.6 });
    lead.salesEndAt = endAt;
    lead.salesPath = 'no-deal';
    if (endAt <= calendar.now) closeWithoutDeal(lead, rng, endAt, 0.4);
    return;
  }
  const opportunityAt = acceptedAt + days(rng, { median: 9, spread: 0.6 });
  const closeAt = opportunityAt + days(rng, segment.salesCycle, 2);
  const amount = Math.max(
    1_000,
    Math.round(rng.lognormal(segment.dealMedian * profile.dealSize, segment.dealSpread) / 100) * 100,
  );
  const won = rng.chance(profile.winRate * segment.win);
  lead.salesEndAt = closeAt;
  lead.salesPath = 'deal';
  if (opportunityAt > calendar.now) return;
  lead.opportunityAt = wholeSecond(opportunityAt);
  lead.amount = amount;
  if (closeAt > calendar.now) return;
  lead.status = won ? 'won' : 'lost';
  if (won) lead.wonAt = wholeSecond(closeAt);
  else lead.lostAt = wholeSecond(closeAt);
}

function closeWithoutDeal(lead: DemoLead, rng: Rng, at: number, disqualifyShare: number): void {
  if (rng.chance(disqualifyShare)) {
    lead.status = 'disqualified';
    lead.disqualifiedAt = wholeSecond(at);
    lead.disqualifyReason = rng.pick(salesDisqualifyReasons);
  } else {
    lead.status = 'recycled';
  }
}

/** BANT answers short of all four (a full score would make the lead sales-ready). */
function partialBant(rng: Rng, odds: readonly number[]): DemoLead['bant'] {
  const bant = odds.map((p) => rng.chance(p)) as DemoLead['bant'];
  if (bant.every(Boolean)) bant[rng.int(0, 3)] = false;
  return bant;
}

/** Marketing mostly disqualifies for a missing BANT answer, sometimes for other reasons. */
function marketingDisqualifyReason(rng: Rng, bant: DemoLead['bant']): string {
  const missing = bantDisqualifyReasons.filter((_, i) => !bant[i]);
  return missing.length > 0 && rng.chance(0.75) ? rng.pick(missing) : rng.pick(otherDisqualifyReasons);
}

function fillCampaign(template: string, createdAt: number): string {
  const d = new Date(createdAt);
  const topic = defined(webinarTopics[(d.getUTCFullYear() * 12 + d.getUTCMonth()) % webinarTopics.length]);
  return template
    .replace('{year}', String(d.getUTCFullYear()))
    .replace('{month}', monthLabel(createdAt))
    .replace('{topic}', topic);
}
