import { defined } from '../defined';
import { DAY_MS, type DemoCalendar, quarterIndex, quarterStart } from './demo-calendar';
import {
  dailyNoise,
  holidayVolume,
  monthVolume,
  type SourceProfile,
  shortfall,
  weekdayVolume,
  weeklyNoise,
  yearlyGrowth,
} from './demo-profile';
import { bisect, hashSeed, Rng } from './random';

/**
 * How many leads each (day, source) gets: a weight per cell from the source's share,
 * seasonality, weekday, growth and noise. Leads are spread over the cells by stratified
 * sampling, so lead i always lands in the same cell and external ids run in date order.
 */
export interface VolumePlan {
  sourceCount: number;
  dayCount: number;
  cumulative: Float64Array;
  total: number;
  shortfallSource: number;
  /** Paid search's drop starts on this day (ms, UTC midnight). */
  shortfallStart: number;
}

export interface Cell {
  day: number;
  source: number;
}

const logGrowth = Math.log(1 + yearlyGrowth);

/** The volume a source would have on a day, before noise and before the current quarter's shortfall. */
export function baseVolume(profile: SourceProfile, dayStart: number, calendar: DemoCalendar): number {
  const d = new Date(dayStart);
  const month = d.getUTCMonth();
  const date = d.getUTCDate();
  const holiday = (month === 11 && date >= 20) || (month === 0 && date <= 3);
  let volume =
    profile.share *
    defined(monthVolume[month]) *
    defined(weekdayVolume[d.getUTCDay()]) *
    (holiday ? holidayVolume : 1) *
    Math.exp((logGrowth * (dayStart - calendar.start)) / (365.25 * DAY_MS));
  if (profile.peaks) {
    const peak = peakOn(profile, dayStart);
    volume *= peak ? peak.boost : (profile.offPeakVolume ?? 1);
  }
  return volume;
}

/** The source's volume peak (trade show) running on that day, if any. */
export function peakOn(profile: SourceProfile, dayStart: number) {
  const d = new Date(dayStart);
  return profile.peaks?.find((p) => {
    const first = Date.UTC(d.getUTCFullYear(), p.month - 1, p.day);
    return dayStart >= first && dayStart < first + p.days * DAY_MS;
  });
}

export function buildVolumePlan(
  profiles: readonly SourceProfile[],
  calendar: DemoCalendar,
  seed: number,
): VolumePlan {
  const sourceCount = profiles.length;
  const dayCount = Math.floor((calendar.now - calendar.start) / DAY_MS) + 1;
  const shortfallSource = profiles.findIndex((p) => p.name === shortfall.source);
  // The drop starts in the quarter's second week, earlier when the quarter is younger than two weeks.
  const elapsedDays = Math.floor((calendar.now - calendar.currentQuarterStart) / DAY_MS);
  const shortfallStart =
    calendar.currentQuarterStart + Math.min(shortfall.startsAfterDays, Math.floor(elapsedDays / 2)) * DAY_MS;

  const noise = new Rng(hashSeed(seed, 0x701));
  const wobble = (sigma: number) => Math.exp(sigma * noise.normal() - (sigma * sigma) / 2);
  let weekly: number[] = [];
  const cumulative = new Float64Array(dayCount * sourceCount);
  let total = 0;
  for (let day = 0; day < dayCount; day++) {
    if (day % 7 === 0) weekly = profiles.map(() => wobble(weeklyNoise));
    const dayStart = calendar.start + day * DAY_MS;
    // Today counts only for the part already elapsed.
    const elapsed = Math.min(1, (calendar.now - dayStart) / DAY_MS);
    for (let source = 0; source < sourceCount; source++) {
      let weight =
        baseVolume(defined(profiles[source]), dayStart, calendar) *
        defined(weekly[source]) *
        wobble(dailyNoise) *
        elapsed;
      if (source === shortfallSource && dayStart >= shortfallStart) weight *= shortfall.volume;
      total += weight;
      cumulative[day * sourceCount + source] = total;
    }
  }
  return { sourceCount, dayCount, cumulative, total, shortfallSource, shortfallStart };
}

/** The cell at quantile `u` (0 ≤ u < 1) of the plan's volume. */
export function cellAt(plan: VolumePlan, u: number): Cell {
  const index = bisect(plan.cumulative, u * plan.total);
  return { day: Math.floor(index / plan.sourceCount), source: index % plan.sourceCount };
}

/**
 * Leads per quarter and source the plan would deliver with no shortfall, for whole quarters
 * including the current and the next one: the baseline the targets are set from.
 */
export function expectedLeads(
  plan: VolumePlan,
  profiles: readonly SourceProfile[],
  calendar: DemoCalendar,
  leadCount: number,
): number[][] {
  const scale = leadCount / plan.total;
  const quarters = calendar.currentQuarter + 2;
  const expected = Array.from({ length: quarters }, () => profiles.map(() => 0));
  const end = quarterStart(calendar.startYear, quarters);
  for (let dayStart = calendar.start; dayStart < end; dayStart += DAY_MS) {
    const row = defined(expected[quarterIndex(calendar.startYear, dayStart)]);
    profiles.forEach((profile, source) => {
      row[source] = defined(row[source]) + baseVolume(profile, dayStart, calendar) * scale;
    });
  }
  return expected;
}
