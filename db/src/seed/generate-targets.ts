import { defined } from '../defined';
import type { TargetMetric } from '../schema/targets';
import { type DemoCalendar, quarterIndex, quarterLabel } from './demo-calendar';
import type { DemoLead } from './generate-leads';
import { hashSeed, Rng } from './random';

/** What the generated data delivered, per quarter (period view: each event in its own quarter). */
export interface QuarterActuals {
  leads: number[][];
  salesReady: number[][];
  pipeline: number[];
  revenue: number[];
}

export function emptyActuals(quarters: number, sources: number): QuarterActuals {
  const grid = () => Array.from({ length: quarters }, () => new Array<number>(sources).fill(0));
  return {
    leads: grid(),
    salesReady: grid(),
    pipeline: new Array(quarters).fill(0),
    revenue: new Array(quarters).fill(0),
  };
}

/** Adds `by` to the value at `at`, which the arrays' sizes (quarters, sources) guarantee is there. */
function add(values: number[] | undefined, at: number, by: number): void {
  const within = defined(values);
  within[at] = defined(within[at]) + by;
}

export function countLead(actuals: QuarterActuals, lead: DemoLead, startYear: number): void {
  add(actuals.leads[quarterIndex(startYear, lead.createdAt)], lead.source, 1);
  if (lead.salesReadyAt !== null)
    add(actuals.salesReady[quarterIndex(startYear, lead.salesReadyAt)], lead.source, 1);
  if (lead.opportunityAt !== null)
    add(actuals.pipeline, quarterIndex(startYear, lead.opportunityAt), lead.amount ?? 0);
  if (lead.wonAt !== null) add(actuals.revenue, quarterIndex(startYear, lead.wonAt), lead.amount ?? 0);
}

export interface TargetRow {
  quarter: string;
  metric: TargetMetric;
  /** Source index, or null for the company-wide target. */
  source: number | null;
  value: number;
}

/**
 * Targets for every quarter in the span and the next. Past quarters: what was delivered, give or take (some
 * beaten, most missed a little). Current and next: the plan's volume without the shortfall at the last two
 * quarters' conversion, plus 5–10% ambition, so the shortfall shows as a gap.
 */
export function buildTargets(
  actuals: QuarterActuals,
  expectedLeads: number[][],
  calendar: DemoCalendar,
  seed: number,
): TargetRow[] {
  const rng = new Rng(hashSeed(seed, 0x7a));
  const current = calendar.currentQuarter;
  const sources = defined(actuals.leads[0]).length;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  // The two last complete quarters (a one-quarter span cannot happen: the data starts in a January two years back).
  const base = [current - 1, current - 2].filter((q) => q >= 0);
  const baseSum = (pick: (q: number) => number) => sum(base.map(pick));
  const baseLeads = (s: number) => baseSum((q) => defined(defined(actuals.leads[q])[s]));
  const allBaseLeads = baseSum((q) => sum(defined(actuals.leads[q])));
  const perLead = (pick: (q: number) => number) => (allBaseLeads === 0 ? 0 : baseSum(pick) / allBaseLeads);

  const rows: TargetRow[] = [];
  for (let q = 0; q <= current + 1; q++) {
    const quarter = quarterLabel(calendar.startYear, q);
    const planned = q >= current;
    const ambition = () => 1 + (planned ? rng.between(0.05, 0.1) : rng.between(-0.03, 0.1));
    const thousands = (value: number) => Math.round(value / 1000) * 1000;
    const leads: number[] = [];
    const salesReady: number[] = [];
    for (let s = 0; s < sources; s++) {
      const expected = defined(defined(expectedLeads[q])[s]);
      const readyRate =
        baseLeads(s) === 0 ? 0 : baseSum((b) => defined(defined(actuals.salesReady[b])[s])) / baseLeads(s);
      leads.push(Math.round((planned ? expected : defined(defined(actuals.leads[q])[s])) * ambition()));
      salesReady.push(
        Math.round(
          (planned ? expected * readyRate : defined(defined(actuals.salesReady[q])[s])) * ambition(),
        ),
      );
    }
    const expectedAll = sum(defined(expectedLeads[q]));
    const pipeline = planned
      ? expectedAll * perLead((b) => defined(actuals.pipeline[b]))
      : defined(actuals.pipeline[q]);
    const revenue = planned
      ? expectedAll * perLead((b) => defined(actuals.revenue[b]))
      : defined(actuals.revenue[q]);
    rows.push(
      { quarter, metric: 'leads', source: null, value: sum(leads) },
      { quarter, metric: 'sales_ready', source: null, value: sum(salesReady) },
      { quarter, metric: 'pipeline', source: null, value: thousands(pipeline * ambition()) },
      { quarter, metric: 'revenue', source: null, value: thousands(revenue * ambition()) },
    );
    for (let s = 0; s < sources; s++) {
      rows.push(
        { quarter, metric: 'leads', source: s, value: defined(leads[s]) },
        { quarter, metric: 'sales_ready', source: s, value: defined(salesReady[s]) },
      );
    }
  }
  return rows;
}
