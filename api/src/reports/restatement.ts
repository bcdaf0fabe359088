import type { PackFigures } from './board-pack/frozen-figures';

export interface Restatement {
  /** Where in the pack, in words: "Sources › rows › leads", "Cohorts › 2025-Q1 › won › d90". */
  figure: string;
  /** The source the figure is about, or "All sources". */
  source: string;
  frozen: number | string | null;
  current: number | string | null;
  /** current − frozen, when both are numbers. */
  change: number | null;
}

// Rows of a list are matched by what they are about, not by position: a reordered table is no change.
const rowKeys = ['source', 'stage', 'label', 'owner', 'reason', 'category', 'metric', 'driver'] as const;
// What identifies rather than measures, and the context every pack repeats.
const ignored = new Set([
  'sourceId',
  'periods',
  'quarter',
  'cohortRange',
  'timezone',
  'currency',
  'freshness',
]);

type Leaf = { figure: string[]; source: string; value: number | string | null };

/**
 * Every figure whose frozen value differs from today's, in the pack's order. Both sides are walked
 * the same way, so a figure that appeared or vanished since (a new source) is listed against null.
 */
export function restatements(frozen: PackFigures, current: PackFigures): Restatement[] {
  const before = leaves(frozen);
  const after = leaves(current);
  const out: Restatement[] = [];
  const seen = new Set<string>();
  for (const [key, leaf] of [...before, ...after]) {
    if (seen.has(key)) continue;
    seen.add(key);
    const a = before.get(key)?.value ?? null;
    const b = after.get(key)?.value ?? null;
    if (same(a, b)) continue;
    out.push({
      figure: leaf.figure.join(' › '),
      source: leaf.source,
      frozen: a,
      current: b,
      change: typeof a === 'number' && typeof b === 'number' ? b - a : null,
    });
  }
  return out;
}

// Figures travel through JSON and floating-point sums: a difference in the 12th digit is no restatement.
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function leaves(figures: PackFigures): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (value: unknown, figure: string[], source: string) => {
    if (value === null || typeof value !== 'object') {
      if (value === undefined || typeof value === 'boolean') return;
      out.set(`${source}\u0000${figure.join('\u0000')}`, {
        figure,
        source,
        value: value as number | string | null,
      });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const row = item as Record<string, unknown> | null;
        const key =
          row && typeof row === 'object' ? rowKeys.find((k) => typeof row[k] === 'string') : undefined;
        if (row && key === 'source') walk(item, figure, row[key] as string);
        else walk(item, row && key ? [...figure, String(row[key])] : [...figure, String(i + 1)], source);
      });
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (ignored.has(k) || rowKeys.includes(k as (typeof rowKeys)[number])) continue;
      walk(v, [...figure, words(k)], source);
    }
  };
  walk(figures, [], 'All sources');
  return out;
}

/** camelCase to words: "costPerSalesReady" → "cost per sales ready". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
