import { DAY_MS, type DemoCalendar, isoDate } from './demo-calendar';
import { monthVolume, type SourceProfile, yearlyGrowth } from './demo-profile';
import { hashSeed, Rng } from './random';

export interface SpendRow {
  source: number;
  month: string;
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
        : Math.sqrt(monthVolume[month]!);
      const amount =
        profile.monthlySpend * (1 + yearlyGrowth) ** years * seasonal * rng.between(0.9, 1.1) * elapsed;
      if (amount >= 1) rows.push({ source, month: isoDate(start), amount: Math.round(amount) });
    });
  }
  return rows;
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
