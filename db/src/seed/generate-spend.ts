import { defined } from '../defined';
import { DAY_MS, type DemoCalendar, isoDate } from './demo-calendar';
import { monthVolume, type SourceProfile, yearlyGrowth } from './demo-profile';
import { hashSeed, Rng } from './random';

export interface SpendRow {
  source: number;
  month: string;
  /** '' for a month booked as one total. */
  campaign: string;
  amount: number;
}

/**
 * Monthly media spend of the sources that have one, growing with volume. It does not drop
 * with the current quarter's shortfall: same money, fewer leads, so cost per SRL jumps.
 * The current month holds the spend to date.
 */
export function buildSpend(
  profiles: readonly SourceProfile[],
  calendar: DemoCalendar,
  seed: number,
): SpendRow[] {
  const rng = new Rng(hashSeed(seed, 0x5e));
  const splitRng = new Rng(hashSeed(seed, 0x5f));
  const rows: SpendRow[] = [];
  // Date.UTC rolls month 12 over into January of the next year.
  for (let m = 0; Date.UTC(calendar.startYear, m, 1) <= calendar.now; m++) {
    const start = Date.UTC(calendar.startYear, m, 1);
    const end = Date.UTC(calendar.startYear, m + 1, 1);
    const month = m % 12;
    const elapsed = Math.min(1, (calendar.now - start) / (end - start));
    const years = (start - calendar.start) / (365.25 * DAY_MS);
    profiles.forEach((profile, source) => {
      if (!profile.monthlySpend) return;
      // Trade-show money is spent in the months of the shows.
      const peak = profile.peaks?.find((p) => p.month === month + 1);
      const seasonal = profile.peaks
        ? peak
          ? 0.4 + 0.25 * peak.boost
          : 0.4
        : Math.sqrt(defined(monthVolume[month]));
      const amount =
        profile.monthlySpend * (1 + yearlyGrowth) ** years * seasonal * rng.between(0.9, 1.1) * elapsed;
      if (amount >= 1)
        rows.push(...byCampaign(profile, source, isoDate(start), Math.round(amount), splitRng));
    });
  }
  return rows;
}

/**
 * The ad platforms' sources book their month per campaign, as their exports do (the campaigns of fixed
 * name); the others, whose campaigns are named for a month or a show, as one total.
 */
function byCampaign(
  profile: SourceProfile,
  source: number,
  month: string,
  amount: number,
  rng: Rng,
): SpendRow[] {
  const campaigns = profile.campaigns.filter((c) => !c.includes('{'));
  if (profile.peaks || campaigns.length < 2 || campaigns.length !== profile.campaigns.length)
    return [{ source, month, campaign: '', amount }];
  const weights = campaigns.map(() => rng.between(0.5, 1.5));
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((amount * w) / sum));
  parts[0] = amount - parts.slice(1).reduce((a, b) => a + b, 0);
  return campaigns.map((campaign, i) => ({ source, month, campaign, amount: parts[i] ?? 0 }));
}

/** The demo sales team's monthly cost: salaries and tools, growing with the company; to date in the current month. */
export function buildSalesCost(calendar: DemoCalendar, seed: number): { month: string; amount: number }[] {
  const rng = new Rng(hashSeed(seed, 0x5c));
  const rows: { month: string; amount: number }[] = [];
  for (let m = 0; Date.UTC(calendar.startYear, m, 1) <= calendar.now; m++) {
    const start = Date.UTC(calendar.startYear, m, 1);
    const end = Date.UTC(calendar.startYear, m + 1, 1);
    const elapsed = Math.min(1, (calendar.now - start) / (end - start));
    const years = (start - calendar.start) / (365.25 * DAY_MS);
    const amount = demoSalesTeamMonthlyCost * (1 + yearlyGrowth) ** years * rng.between(0.97, 1.03) * elapsed;
    if (amount >= 1) rows.push({ month: isoDate(start), amount: Math.round(amount) });
  }
  return rows;
}

const demoSalesTeamMonthlyCost = 160_000;
