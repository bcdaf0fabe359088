import type { SourceCategory } from '../schema/sources';
import type { TouchTypeName } from './touch-types';

/** A log-normal delay in days: half the leads are faster than `median`; `spread` is σ of the log. */
export interface Lag {
  median: number;
  spread: number;
}

/** A burst of volume (a trade show) on fixed calendar days each year. */
export interface VolumePeak {
  month: number; // 1–12
  day: number;
  days: number;
  boost: number;
  campaign: string;
}

export interface SourceProfile {
  name: string;
  category: SourceCategory;
  /** Relative lead volume. */
  share: number;
  /** Probability a lead ever becomes sales-ready (BANT 4). */
  salesReadyRate: number;
  /** For leads that never become sales-ready: probability of reaching MQL, and of being disqualified. */
  mqlRate: number;
  disqualifyRate: number;
  /** Probability of each BANT answer (budget, authority, need, timeframe) for the others. */
  bant: readonly [number, number, number, number];
  daysToMql: Lag;
  daysToSalesReady: Lag;
  /** Median marketing touches from creation to sales-ready (the spec's "mostly 7–15"). */
  touchesToSalesReady: number;
  /** Sales touches before sales-ready: outbound SDR sequences. */
  sdrCalls?: readonly [number, number];
  /** The touch that created the lead. */
  firstTouch: TouchTypeName;
  acceptRate: number;
  opportunityRate: number;
  winRate: number;
  /** Multiplies the segment's typical deal size. */
  dealSize: number;
  /** Weights of SMB, Mid-market, Enterprise. */
  segments: readonly [number, number, number];
  /** `{year}`, `{month}` (e.g. "Mar 2025") and `{topic}` are filled from the lead's creation date. */
  campaigns: readonly string[];
  /** Average monthly spend (USD) in the first year; absent for sources with no media cost. */
  monthlySpend?: number;
  peaks?: readonly VolumePeak[];
  /** Volume outside the peaks, relative to `share`. */
  offPeakVolume?: number;
}

export const sourceProfiles: readonly SourceProfile[] = [
  {
    name: 'Paid search',
    category: 'marketing',
    share: 26,
    salesReadyRate: 0.12,
    mqlRate: 0.35,
    disqualifyRate: 0.18,
    bant: [0.45, 0.35, 0.55, 0.35],
    daysToMql: { median: 3, spread: 0.9 },
    daysToSalesReady: { median: 16, spread: 0.8 },
    touchesToSalesReady: 10,
    firstTouch: 'paidClick',
    acceptRate: 0.84,
    opportunityRate: 0.45,
    winRate: 0.24,
    dealSize: 0.9,
    segments: [5, 4, 1],
    campaigns: [
      'Google Ads – Brand',
      'Google Ads – Pipeline analytics',
      'Google Ads – Competitor terms',
      'Google Ads – Revenue forecasting',
      'Bing Ads – Brand',
    ],
    monthlySpend: 42_000,
  },
  {
    name: 'Organic search',
    category: 'marketing',
    share: 19,
    salesReadyRate: 0.13,
    mqlRate: 0.35,
    disqualifyRate: 0.15,
    bant: [0.45, 0.4, 0.6, 0.35],
    daysToMql: { median: 5, spread: 0.9 },
    daysToSalesReady: { median: 24, spread: 0.8 },
    touchesToSalesReady: 11,
    firstTouch: 'organicVisit',
    acceptRate: 0.86,
    opportunityRate: 0.46,
    winRate: 0.27,
    dealSize: 1,
    segments: [5, 4, 1.2],
    campaigns: ['SEO – Blog', 'SEO – Pricing page', 'SEO – Comparison pages', 'SEO – Templates library'],
  },
  {
    name: 'Webinars',
    category: 'marketing',
    share: 10,
    salesReadyRate: 0.16,
    mqlRate: 0.55,
    disqualifyRate: 0.12,
    bant: [0.5, 0.45, 0.65, 0.35],
    daysToMql: { median: 2, spread: 0.7 },
    daysToSalesReady: { median: 30, spread: 0.7 },
    touchesToSalesReady: 12,
    firstTouch: 'webinar',
    acceptRate: 0.86,
    opportunityRate: 0.47,
    winRate: 0.26,
    dealSize: 1.05,
    segments: [3, 4, 2],
    campaigns: ['Webinar – {topic} ({month})', 'Webinar – {topic} ({month})', 'On-demand webinar library'],
    monthlySpend: 7_000,
  },
  {
    name: 'Content syndication',
    category: 'marketing',
    share: 15,
    salesReadyRate: 0.055,
    mqlRate: 0.25,
    disqualifyRate: 0.3,
    bant: [0.3, 0.25, 0.4, 0.2],
    daysToMql: { median: 9, spread: 1 },
    daysToSalesReady: { median: 42, spread: 0.7 },
    touchesToSalesReady: 13,
    firstTouch: 'syndicatedContent',
    acceptRate: 0.74,
    opportunityRate: 0.38,
    winRate: 0.2,
    dealSize: 0.85,
    segments: [6, 3, 1],
    campaigns: [
      'Syndication – Pipeline benchmark report {year}',
      "Syndication – CFO's guide to forecasting",
      'Syndication – RevOps maturity ebook',
    ],
    monthlySpend: 21_000,
  },
  {
    name: 'LinkedIn ads',
    category: 'marketing',
    share: 10,
    salesReadyRate: 0.09,
    mqlRate: 0.3,
    disqualifyRate: 0.2,
    bant: [0.4, 0.45, 0.45, 0.3],
    daysToMql: { median: 6, spread: 0.9 },
    daysToSalesReady: { median: 28, spread: 0.8 },
    touchesToSalesReady: 11,
    firstTouch: 'linkedinForm',
    acceptRate: 0.8,
    opportunityRate: 0.42,
    winRate: 0.23,
    dealSize: 1.1,
    segments: [3, 4, 2],
    campaigns: [
      'LinkedIn – Lead gen form: ROI calculator',
      'LinkedIn – CRO persona',
      'LinkedIn – Retargeting',
    ],
    monthlySpend: 26_000,
  },
  {
    name: 'Events & trade shows',
    category: 'marketing',
    share: 7,
    salesReadyRate: 0.14,
    mqlRate: 0.5,
    disqualifyRate: 0.15,
    bant: [0.5, 0.5, 0.55, 0.4],
    daysToMql: { median: 4, spread: 0.8 },
    daysToSalesReady: { median: 21, spread: 0.8 },
    touchesToSalesReady: 9,
    firstTouch: 'tradeShow',
    acceptRate: 0.86,
    opportunityRate: 0.48,
    winRate: 0.27,
    dealSize: 1.2,
    segments: [2, 4, 3],
    campaigns: ['Executive dinner series', 'Regional roadshow', 'Partner booth days'],
    monthlySpend: 18_000,
    peaks: [
      { month: 3, day: 10, days: 3, boost: 10, campaign: 'Spring Revenue Summit {year}' },
      { month: 6, day: 3, days: 3, boost: 4, campaign: 'SaaS Growth Roadshow {year}' },
      { month: 10, day: 13, days: 3, boost: 10, campaign: 'RevOps Expo {year}' },
    ],
    offPeakVolume: 0.55,
  },
  {
    name: 'Outbound SDR',
    category: 'sales',
    share: 10,
    salesReadyRate: 0.17,
    mqlRate: 0.4,
    disqualifyRate: 0.25,
    bant: [0.45, 0.55, 0.5, 0.4],
    daysToMql: { median: 8, spread: 0.8 },
    daysToSalesReady: { median: 14, spread: 0.7 },
    touchesToSalesReady: 7,
    sdrCalls: [2, 5],
    firstTouch: 'sdrCall',
    acceptRate: 0.8,
    opportunityRate: 0.44,
    winRate: 0.25,
    dealSize: 1.35,
    segments: [1, 3, 4],
    campaigns: [
      'Outbound – Enterprise sequence',
      'Outbound – Mid-market sequence',
      'Outbound – Intent signals',
    ],
  },
  {
    name: 'Partner referrals',
    category: 'partner',
    share: 5,
    salesReadyRate: 0.36,
    mqlRate: 0.65,
    disqualifyRate: 0.1,
    bant: [0.7, 0.6, 0.75, 0.55],
    daysToMql: { median: 2, spread: 0.7 },
    daysToSalesReady: { median: 9, spread: 0.7 },
    touchesToSalesReady: 7,
    firstTouch: 'partnerIntro',
    acceptRate: 0.93,
    opportunityRate: 0.6,
    winRate: 0.38,
    dealSize: 1.4,
    segments: [1, 3, 3],
    campaigns: [
      'Partner – Consulting alliance',
      'Partner – Reseller program',
      'Partner – Integration marketplace',
    ],
  },
];

/**
 * The current quarter's story: one source's volume and quality drop from its second week
 * (a broad-match keyword change), which opens a pipeline gap the dashboard must explain.
 */
export const shortfall = {
  source: 'Paid search',
  startsAfterDays: 7,
  volume: 0.6,
  salesReadyRate: 0.6,
};

/** Volume by calendar month (January first): August and the holidays dip, March and October peak. */
export const monthVolume = [0.95, 1, 1.18, 1.05, 1.04, 0.95, 0.84, 0.68, 1.02, 1.16, 1.06, 0.82] as const;
/** From 20 December to 3 January almost nobody fills in a form. */
export const holidayVolume = 0.4;
/** Sunday first: B2B leads arrive on working days. */
export const weekdayVolume = [0.18, 1, 1.08, 1.1, 1.05, 0.88, 0.22] as const;
/** Modest year-over-year growth, applied continuously. */
export const yearlyGrowth = 0.16;
/** Day-to-day and week-to-week wobble (σ of the log), so weekly charts are not ruler-straight. */
export const dailyNoise = 0.12;
export const weeklyNoise = 0.1;

export const segments = ['SMB', 'Mid-market', 'Enterprise'] as const;
export type Segment = (typeof segments)[number];

export const segmentProfiles: Record<
  Segment,
  {
    salesReady: number;
    win: number;
    dealMedian: number;
    dealSpread: number;
    salesCycle: Lag;
    owners: string[];
  }
> = {
  SMB: {
    salesReady: 0.9,
    win: 1.1,
    dealMedian: 9_000,
    dealSpread: 0.45,
    salesCycle: { median: 24, spread: 0.5 },
    owners: ['Ethan Brooks', 'Aisha Khan', 'Lucas Moreau'],
  },
  'Mid-market': {
    salesReady: 1.05,
    win: 1,
    dealMedian: 32_000,
    dealSpread: 0.45,
    salesCycle: { median: 45, spread: 0.5 },
    owners: ["Liam O'Brien", 'Priya Raman', 'Jonas Weber', 'Hannah Schultz'],
  },
  Enterprise: {
    salesReady: 1.15,
    win: 0.8,
    dealMedian: 110_000,
    dealSpread: 0.5,
    salesCycle: { median: 80, spread: 0.5 },
    owners: ['Maya Chen', 'Daniel Okafor', 'Sofia Marquez'],
  },
};

/**
 * Neglected leads: in the current quarter some sales-ready leads get no follow-up at all,
 * mostly at two overloaded reps, so the neglected-leads page has a story too.
 */
export const neglect = { rate: 0.07, overloadedOwners: ['Daniel Okafor', 'Jonas Weber'], overloadFactor: 3 };

/** Hours from sales-ready to the first sales call; a few breach the 48 h SLA. */
export const followUpHours: Lag = { median: 6, spread: 1.1 };

export const countries: ReadonlyArray<readonly [name: string, weight: number, companySuffixes: string[]]> = [
  ['United States', 40, ['Inc.', 'LLC', 'Corp.']],
  ['United Kingdom', 10, ['Ltd']],
  ['Germany', 9, ['GmbH', 'AG']],
  ['Canada', 6, ['Inc.', 'Ltd.']],
  ['France', 5, ['SAS', 'SA']],
  ['Australia', 5, ['Pty Ltd']],
  ['Netherlands', 4, ['B.V.']],
  ['India', 4, ['Pvt Ltd']],
  ['Sweden', 3, ['AB']],
  ['Spain', 3, ['S.L.']],
  ['Brazil', 3, ['Ltda']],
  ['Ireland', 2, ['Ltd']],
  ['Singapore', 2, ['Pte Ltd']],
  ['Denmark', 2, ['ApS']],
  ['Japan', 2, ['K.K.']],
];

/** Why marketing disqualifies a lead, by the BANT answer that is missing. */
export const bantDisqualifyReasons = ['No budget', 'Not a decision maker', 'No need', 'No timeline'] as const;
export const otherDisqualifyReasons = [
  'Student or personal',
  'Duplicate',
  'Competitor',
  'Invalid contact',
] as const;
/** Why sales disqualifies a lead it looked at. */
export const salesDisqualifyReasons = [
  'Not a fit',
  'Unresponsive',
  'Chose a competitor',
  'No budget',
] as const;

export const webinarTopics = [
  'Forecasts that hold up',
  'Pipeline math for CEOs',
  'From MQL to revenue',
  'Speed to lead',
  'Board-ready metrics',
  'Attribution without tears',
  'Quarter-end without surprises',
  'Building a RevOps team',
] as const;
