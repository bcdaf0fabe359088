import { type FigureId, figureEntry } from '@salesready/api/figures/catalogue';
import type { TargetMetric } from '../api/get-targets';

/** Each target is set on the catalogued figure pacing measures it with, under its label and definition. */
const target = (key: TargetMetric, id: FigureId, money: boolean) => {
  const entry = figureEntry(id);
  return { key, label: entry.label, money, hint: entry.definition };
};
export const metrics: { key: TargetMetric; label: string; money: boolean; hint: string }[] = [
  target('leads', 'leads', false),
  target('sales_ready', 'srls', false),
  target('pipeline', 'pipelineCreated', true),
  target('revenue', 'wonRevenue', true),
];

/** A cell of the grid: a metric for the company (`all`) or for one source. */
export const cellKey = (metric: TargetMetric, sourceId: number | null) => `${metric}:${sourceId ?? 'all'}`;

/** A typed target: digits with optional separators; empty means no target. */
export function parseTarget(text: string): number | null | 'invalid' {
  const clean = text.replace(/[\s,_$€£]/g, '');
  if (clean === '') return null;
  if (!/^\d+(\.\d+)?$/.test(clean)) return 'invalid';
  const n = Number(clean);
  return n <= 1e13 ? n : 'invalid';
}
