// Quarter labels in words and in steps. Which quarter is current, and the dates and months a
// quarter spans, come from the server (`GET /api/periods`): the browser keeps no fiscal calendar.

const quarterPattern = /^(\d{4})-Q([1-4])$/;

/** Whether a label names a fiscal quarter (`2026-Q4`) rather than a range of days. */
export function isQuarterLabel(label: string): boolean {
  return quarterPattern.test(label);
}

/** `2026-Q4` → `Q4 2026` */
export function quarterName(label: string): string {
  const m = quarterPattern.exec(label);
  return m ? `Q${m[2]} ${m[1]}` : label;
}

/** The label `by` quarters after `label` (negative: before). Fiscal labels shift like calendar ones. */
export function shiftQuarterLabel(label: string, by: number): string {
  const m = quarterPattern.exec(label);
  if (!m) return label;
  const index = Number(m[1]) * 4 + (Number(m[2]) - 1) + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The `count` quarters up to and including `last`, newest first. */
export function recentQuarters(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftQuarterLabel(last, -i));
}

export function compareQuarterLabels(a: string, b: string): number {
  return a.localeCompare(b);
}

/** A period in words: a quarter by name (Q4 2026), a range by its days (Jan 1 – Mar 31, 2026). */
export function periodName(period: { label: string; from: string; to: string }): string {
  if (isQuarterLabel(period.label)) return quarterName(period.label);
  const last = new Date(`${period.to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const fmt = (d: Date, year: boolean) =>
    d.toLocaleDateString('en-US', {
      month: 'short',
      day: 'numeric',
      ...(year && { year: 'numeric' }),
      timeZone: 'UTC',
    });
  const first = new Date(`${period.from}T00:00:00Z`);
  const sameYear = first.getUTCFullYear() === last.getUTCFullYear();
  return `${fmt(first, !sameYear)} – ${fmt(last, true)}`;
}
