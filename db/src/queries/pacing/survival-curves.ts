/** Per source (`sourceKey` 0 = no source, -1 = all sources pooled). */
export interface CurveRow {
  sourceKey: number;
  /** Leads waiting in the entry stage at the cutoff, entered this quarter / before it. */
  openCurrent: number;
  openOlder: number;
  /** Of those, how many are expected to reach the next stage before the quarter ends. */
  expectedCurrent: number;
  expectedOlder: number;
  /** The same, weighted by each lead's amount (the source's mean opportunity amount when missing). */
  expectedAmountCurrent: number;
  expectedAmountOlder: number;
  /** Amount waiting, and the part of it expected still to be waiting at quarter end. */
  openAmount: number;
  stillOpenAmount: number;
  /** For a lead entering the stage on a remaining day (uniformly): chance of the event before quarter end. */
  yield: number;
  /** …and chance it is still waiting (neither event nor exit) at quarter end. */
  openYield: number;
  /** Chance of the event within `maxOpenDays` of entry: the historical conversion rate. */
  eventualRate: number | null;
  /** This quarter's entrants: events so far, and the events history expected by their ages. */
  observed: number;
  expected: number;
  /** Mean opportunity amount of the source's leads that reached one. */
  meanAmount: number | null;
  /** Mean weight of a lead in this curve (1, or the mean amount for amount-weighted curves). */
  unitWeight: number;
}

/**
 * What the SQL sums for one transition (funnel-curves.ts): per source key, the weight ending on each day
 * since entry, the leads still waiting by age, this quarter's entrants by age, mean deal amounts and the
 * pooling's unit weight. A few thousand rows at most, whatever the number of leads.
 */
export interface CurveInputs {
  /** Source keys with a curve, -1 (all sources pooled) included. */
  keys: number[];
  /** [src, day, event weight, exit weight, weight still waiting at the cutoff]. */
  counts: [number, number, number, number, number][];
  /** [src, entered this quarter, age, leads, amount, leads without an amount]. */
  waiting: [number, boolean, number, number, number, number][];
  /** [src, age, weight, weight that reached the event]. */
  entrants: [number, number, number, number][];
  /** [src (-1: all), mean deal amount]. */
  amounts: [number, number | null][];
  unitWeight: number;
}

/** A curve's figures of the waiting leads when none wait. */
export const nothingWaiting = {
  openCurrent: 0,
  openOlder: 0,
  expectedCurrent: 0,
  expectedOlder: 0,
  expectedAmountCurrent: 0,
  expectedAmountOlder: 0,
  openAmount: 0,
  stillOpenAmount: 0,
};

interface Curve {
  surv: Float64Array;
  he: Float64Array;
  ci: Float64Array;
}

/**
 * The discrete-time survival curves and what they expect of the waiting leads (docs/pacing.md, "Conversion
 * still to come"): each source's hazards mixed with `poolingWeight` pseudo-leads of the pooled curve, over days
 * 0…`lastDay`. Sums run in a fixed order (by day, then age), so the figures do not depend on the rows' order.
 */
export function fitCurves(
  inputs: CurveInputs,
  daysRemaining: number,
  lastDay: number,
  maxOpenDays: number,
  poolingWeight: number,
): CurveRow[] {
  const size = lastDay + 1;
  const byKey = (src: number) => {
    const zeros = () => new Float64Array(size);
    return { ne: zeros(), nx: zeros(), nc: zeros(), src };
  };
  const ends = new Map(inputs.keys.map((k) => [k, byKey(k)]));
  for (const [src, t, ne, nx, nc] of inputs.counts) {
    const e = ends.get(src);
    if (!e) continue;
    e.ne[t] = ne;
    e.nx[t] = nx;
    e.nc[t] = nc;
  }

  // Weight at risk on day k: everything ending on day k or later, less what was only waiting on day k.
  const atRiskOf = (e: { ne: Float64Array; nx: Float64Array; nc: Float64Array }) => {
    const atRisk = new Float64Array(size);
    let sum = 0;
    for (let k = lastDay; k >= 0; k--) {
      const waiting = e.nc[k] as number;
      sum += (e.ne[k] as number) + (e.nx[k] as number) + waiting;
      atRisk[k] = sum - waiting;
    }
    return atRisk;
  };
  const pooledEnds = ends.get(-1) ?? byKey(-1);
  const pooledRisk = atRiskOf(pooledEnds);
  const pooledHe = new Float64Array(size);
  const pooledHx = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const r = pooledRisk[k] as number;
    pooledHe[k] = r === 0 ? 0 : (pooledEnds.ne[k] as number) / r;
    pooledHx[k] = r === 0 ? 0 : (pooledEnds.nx[k] as number) / r;
  }

  const pseudo = poolingWeight * inputs.unitWeight;
  const curves = new Map<number, Curve>();
  for (const [src, e] of ends) {
    const atRisk = src === -1 ? pooledRisk : atRiskOf(e);
    const he = new Float64Array(size);
    const hx = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      if (src === -1) {
        he[k] = pooledHe[k] as number;
        hx[k] = pooledHx[k] as number;
      } else {
        const denominator = (atRisk[k] as number) + pseudo;
        he[k] = ((e.ne[k] as number) + pseudo * (pooledHe[k] as number)) / denominator;
        hx[k] = ((e.nx[k] as number) + pseudo * (pooledHx[k] as number)) / denominator;
      }
    }
    // Survival to the start of day k, and the chance of the event before it.
    const surv = new Float64Array(size);
    const ci = new Float64Array(size);
    let logSum = 0;
    let eventSum = 0;
    for (let k = 0; k < size; k++) {
      surv[k] = Math.exp(logSum);
      ci[k] = eventSum;
      logSum += Math.log(Math.max(1 - (he[k] as number) - (hx[k] as number), 1e-12));
      eventSum += (surv[k] as number) * (he[k] as number);
    }
    curves.set(src, { surv, he, ci });
  }

  const meanAmounts = new Map(inputs.amounts);
  const pooledMean = meanAmounts.get(-1) ?? null;
  const later = (values: Float64Array, k: number, days: number) =>
    values[Math.min(k + days, lastDay)] as number;

  const h = daysRemaining;
  const out: CurveRow[] = [];
  for (const src of [...inputs.keys].sort((a, b) => a - b)) {
    const c = curves.get(src) as Curve;
    // The waiting leads: older entrants first, each in order of age.
    const waiting = inputs.waiting
      .filter((w) => w[0] === src)
      .sort((a, b) => Number(a[1]) - Number(b[1]) || a[2] - b[2]);
    const fill = meanAmounts.get(src) ?? pooledMean ?? 0;
    const f = { ...nothingWaiting };
    // The expected sums run by age alone, the current quarter's and the older entrants' apart.
    const byAge: { inQuarter: boolean; n: number; amount: number; pEvent: number }[] = [];
    for (const [, inQuarter, age, n, amount, missing] of waiting) {
      const total = amount + missing * fill;
      const surv = c.surv[age] as number;
      const pEvent = surv > 1e-9 ? (later(c.ci, age, h) - (c.ci[age] as number)) / surv : 0;
      const pOpen = surv > 1e-9 ? later(c.surv, age, h) / surv : 0;
      if (inQuarter) f.openCurrent += n;
      else f.openOlder += n;
      f.openAmount += total;
      f.stillOpenAmount += total * pOpen;
      byAge.push({ inQuarter, n, amount: total, pEvent });
    }
    for (const w of byAge) {
      if (w.inQuarter) {
        f.expectedCurrent += w.n * w.pEvent;
        f.expectedAmountCurrent += w.amount * w.pEvent;
      } else {
        f.expectedOlder += w.n * w.pEvent;
        f.expectedAmountOlder += w.amount * w.pEvent;
      }
    }

    // This quarter's entrants: the events so far against what history expected by their ages.
    let observed = 0;
    let expected = 0;
    const entrants = inputs.entrants.filter((e) => e[0] === src).sort((a, b) => a[1] - b[1]);
    for (const [, age, n, seen] of entrants) {
      const k = Math.min(age, lastDay);
      const ci = c.ci[k] as number;
      observed += seen;
      expected += n * (ci + 0.5 * (later(c.ci, k, 1) - ci));
    }

    let yieldSum = 0;
    let openSum = 0;
    for (let k = 1; k <= h; k++) {
      yieldSum += c.ci[k] as number;
      openSum += c.surv[k] as number;
    }
    out.push({
      sourceKey: src,
      openCurrent: Math.round(f.openCurrent),
      openOlder: Math.round(f.openOlder),
      expectedCurrent: f.expectedCurrent,
      expectedOlder: f.expectedOlder,
      expectedAmountCurrent: f.expectedAmountCurrent,
      expectedAmountOlder: f.expectedAmountOlder,
      openAmount: f.openAmount,
      stillOpenAmount: f.stillOpenAmount,
      yield: h > 0 ? yieldSum / h : 0,
      openYield: h > 0 ? openSum / h : 0,
      eventualRate: c.ci[maxOpenDays] as number,
      observed,
      expected,
      meanAmount: meanAmounts.get(src) ?? null,
      unitWeight: inputs.unitWeight,
    });
  }
  return out;
}
