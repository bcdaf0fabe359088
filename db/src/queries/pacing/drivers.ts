import type { CurveRow } from './funnel-curves';
import type { PacingInputs } from './pacing-inputs';
import { type Driver, type GapDriver, ratio, SHORTFALL_INDEX, SLOW_INDEX } from './pacing-model';
import type { PacingMetric } from './quarter-shapes';

/**
 * The indexes behind a source's figure (1 = as usual): volume of leads against expected so far, the
 * quality of each conversion feeding the metric, and days to sales-ready against history's.
 */
export function driversFor(inputs: PacingInputs, metric: PacingMetric, key: number): Driver[] {
  const leads = inputs.row('leads', key);
  const leadTarget = inputs.target('leads', key);
  const usualFinal = leadTarget ?? leads.prior;
  const expectedLeads = usualFinal === null ? null : usualFinal * inputs.shape('leads', key).share;
  const volume: Driver = {
    driver: 'volume',
    index: expectedLeads === null ? null : ratio(leads.actual, expectedLeads),
    actual: leads.actual,
    expected: expectedLeads,
  };
  if (metric === 'leads') return [volume];
  const conversion = (name: GapDriver, c: CurveRow): Driver => ({
    driver: name,
    index: inputs.quality(c),
    actual: c.observed,
    expected: c.expected,
  });
  const lag = inputs.lag(key);
  const speed: Driver = {
    driver: 'speed',
    index:
      lag?.currentMedianDays == null || !lag.historyMedianDays
        ? null
        : lag.currentMedianDays / lag.historyMedianDays,
    actual: lag?.currentMedianDays ?? null,
    expected: lag?.historyMedianDays ?? null,
  };
  const list = [volume, conversion('conversion', inputs.curve('salesReady', key)), speed];
  if (metric === 'pipeline' || metric === 'revenue')
    list.push(conversion('opportunityRate', inputs.curve('opportunity', key)));
  if (metric === 'revenue') list.push(conversion('winRate', inputs.curve('won', key)));
  return list;
}

/** The drivers below par, worst first: `1 − index` below SHORTFALL_INDEX, `1 − 1/index` above SLOW_INDEX for speed. */
export function causesOf(drivers: Driver[]): GapDriver[] {
  const severity = (d: Driver): number => {
    if (d.index === null) return 0;
    if (d.driver === 'speed') return d.index > SLOW_INDEX ? 1 - 1 / d.index : 0;
    return d.index < SHORTFALL_INDEX ? 1 - d.index : 0;
  };
  return drivers
    .map((d) => ({ d: d.driver, s: severity(d) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s)
    .map((x) => x.d);
}
