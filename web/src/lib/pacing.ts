import { definitions } from './definitions';
import { formatDecimal, formatInteger, formatMoney, formatMoneyCompact } from './format';
import type { GapDriver, PacingFigures, PacingMetric, SourcePacing } from './pacing-query';

/** The four target metrics, in funnel order. */
export const pacingMetrics = [
  'leads',
  'salesReady',
  'pipeline',
  'revenue',
] as const satisfies readonly PacingMetric[];

export interface MetricWords {
  /** Tab and heading: "SRLs". */
  label: string;
  /** After a number: "137 SRLs", "$1.2M of pipeline". */
  noun: string;
  unit: 'count' | 'amount';
  definition: string;
}

export const metricWords: Record<PacingMetric, MetricWords> = {
  leads: { label: 'Leads', noun: 'leads', unit: 'count', definition: definitions.leads },
  salesReady: { label: 'SRLs', noun: 'SRLs', unit: 'count', definition: definitions.salesReady },
  pipeline: {
    label: 'Pipeline created',
    noun: 'of pipeline created',
    unit: 'amount',
    definition: definitions.pipelineCreated,
  },
  revenue: { label: 'Won revenue', noun: 'of won revenue', unit: 'amount', definition: definitions.revenue },
};

/** A metric's figure, rounded for reading: 1,234 or $1.2M. */
export function formatMetric(metric: PacingMetric, v: number | null | undefined): string {
  if (metricWords[metric].unit === 'amount') return formatMoneyCompact(v);
  return formatInteger(v === null || v === undefined ? v : Math.round(v));
}

/** The exact figure behind a rounded one (amounts only; counts are shown whole). */
export function formatMetricExact(metric: PacingMetric, v: number | null | undefined): string | undefined {
  return metricWords[metric].unit === 'amount' ? formatMoney(v) : undefined;
}

/** A per-week pace: 63.6 for counts, $282K for amounts. */
export function formatPerWeek(metric: PacingMetric, v: number | null | undefined): string {
  if (metricWords[metric].unit === 'amount') return formatMoneyCompact(v);
  if (v === null || v === undefined) return formatDecimal(v);
  return Math.abs(v) >= 10 ? formatInteger(v) : formatDecimal(v);
}

/** A figure with its noun: "137 SRLs", "$1.5M of pipeline". */
export function withNoun(metric: PacingMetric, v: number): string {
  return `${formatMetric(metric, v)} ${metricWords[metric].noun}`;
}

/** Thresholds of the alerts (docs/pacing.md): 5% short warns, 15% is critical. */
export const shortfallWarning = 0.05;
export const shortfallCritical = 0.15;

export type GapTone = 'good' | 'neutral' | 'warn' | 'bad';

export interface GapStatement {
  tone: GapTone;
  /** "Projected 11% short of target" */
  headline: string;
  /** "83 SRLs" */
  amount: string;
  /** gap ÷ target: positive short. */
  share: number | null;
}

/** gap ÷ target: positive short; null without a target to divide by. */
function gapShare(f: Pick<PacingFigures, 'target' | 'gap'>): number | null {
  return f.target === null || f.gap === null || f.target <= 0 ? null : f.gap / f.target;
}

/** Within half a percent of the target reads as on it, either side. */
const onTarget = (share: number | null) => share !== null && Math.abs(share) < 0.005;

/** The tone of a projected gap, by the alert thresholds; neutral without a target. */
export function gapTone(f: Pick<PacingFigures, 'target' | 'gap'>): GapTone {
  if (f.target === null || f.gap === null) return 'neutral';
  const share = gapShare(f);
  if (f.gap <= 0 || onTarget(share)) return 'good';
  return share === null || share >= shortfallCritical
    ? 'bad'
    : share >= shortfallWarning
      ? 'warn'
      : 'neutral';
}

/** The gap in words and a tone; null without a target. */
export function gapStatement(metric: PacingMetric, f: PacingFigures): GapStatement | null {
  if (f.target === null || f.gap === null) return null;
  const share = gapShare(f);
  const tone = gapTone(f);
  const pct = share === null ? '' : `${Math.round(Math.abs(share) * 100)}% `;
  const amount = withNoun(metric, Math.abs(f.gap));
  if (onTarget(share)) {
    return { tone, headline: 'Projected on target', amount: `within ${amount}`, share };
  }
  if (f.gap <= 0) {
    return { tone, headline: `Projected ${pct}ahead of target`, amount: `${amount} over`, share };
  }
  return { tone, headline: `Projected ${pct}short of target`, amount, share };
}

export const causeNames: Record<GapDriver, string> = {
  volume: 'Volume',
  conversion: 'Conversion',
  speed: 'Speed',
  opportunityRate: 'Opportunity rate',
  winRate: 'Win rate',
};

export const causeDefinitions: Record<GapDriver, string> = {
  volume: definitions.volume,
  conversion: definitions.conversion,
  speed: definitions.speed,
  opportunityRate: definitions.opportunityRate,
  winRate: definitions.winRate,
};

const pct = (v: number) => `${Math.round(Math.abs(v) * 100)}%`;

/** What a driver says about a source, e.g. "leads 38% below usual"; null when it has no figure. */
export function driverPhrase(source: SourcePacing | undefined, driver: GapDriver | null): string | null {
  const d = source?.drivers.find((x) => x.driver === driver);
  if (!d || d.index === null) return null;
  switch (d.driver) {
    case 'volume':
      return `leads ${pct(1 - d.index)} ${d.index < 1 ? 'below' : 'above'} usual`;
    case 'conversion':
      return `SRL rate ${pct(1 - d.index)} ${d.index < 1 ? 'below' : 'above'} usual`;
    case 'speed':
      return `${pct(d.index - 1)} ${d.index > 1 ? 'slower' : 'faster'} to sales-ready`;
    case 'opportunityRate':
      return `SRL → opportunity ${pct(1 - d.index)} ${d.index < 1 ? 'below' : 'above'} usual`;
    case 'winRate':
      return `win rate ${pct(1 - d.index)} ${d.index < 1 ? 'below' : 'above'} usual`;
  }
}

/** A driver's index as a reading: 62% of usual, or 1.2× usual days for speed. */
export function formatDriverIndex(driver: GapDriver, index: number | null): string {
  if (index === null) return '—';
  return driver === 'speed' ? `${formatDecimal(index)}×` : `${Math.round(index * 100)}%`;
}

/** Whether a driver is below par (the API's thresholds: < 0.9, or > 1.2 for speed). */
export function driverIsShort(driver: GapDriver, index: number | null): boolean {
  if (index === null) return false;
  return driver === 'speed' ? index > 1.2 : index < 0.9;
}

export const feederNames: Record<PacingMetric, string> = {
  leads: 'leads',
  salesReady: 'SRLs',
  pipeline: 'pipeline',
  revenue: 'revenue',
};

/** A feeder pace with its noun: "141 leads", "$1.2M of pipeline". */
export function feederPhrase(feeder: PacingMetric, v: number): string {
  if (metricWords[feeder].unit === 'amount') return `${formatMoneyCompact(v)} of ${feederNames[feeder]}`;
  return `${Math.abs(v) >= 10 ? formatInteger(v) : formatDecimal(v)} ${feederNames[feeder]}`;
}
