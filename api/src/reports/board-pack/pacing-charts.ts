import { legend } from './chart-parts';
import { type Layout, palette } from './layout';

export interface PacingBar {
  label: string;
  actual: number;
  projection: number;
  low: number;
  high: number;
  target: number | null;
  format: (n: number) => string;
}

/** A closed quarter's bar: what happened against the target, nothing projected. */
export interface ClosedBar {
  label: string;
  actual: number;
  target: number | null;
  format: (n: number) => string;
}

/** A closed quarter's bars, one per target metric on its own scale: the actual and the target as a tick. */
export function closedPacingChart(layout: Layout, bars: ClosedBar[]): void {
  const { doc } = layout;
  const row = 34;
  layout.ensure(14 + bars.length * row + 6);
  legend(layout, [
    { name: 'Actual', colour: palette.navy },
    { name: 'Target', colour: palette.bad, kind: 'tick' },
  ]);
  const labelWidth = 100;
  const x0 = layout.left + labelWidth;
  const x1 = layout.right - 150;
  const top = doc.y + 2;
  bars.forEach((b, i) => {
    const y = top + i * row;
    const max = Math.max(b.target ?? 0, b.actual) * 1.04 || 1;
    const xOf = (v: number) => x0 + (Math.max(0, v) / max) * (x1 - x0);
    layout
      .font('bold', 8.5, palette.ink)
      .text(b.label, layout.left, y + 6, { width: labelWidth - 8, lineBreak: false });
    doc
      .save()
      .rect(x0, y + 2, x1 - x0, 18)
      .fill(palette.band)
      .restore();
    doc
      .save()
      .rect(x0, y + 7, Math.max(1, xOf(b.actual) - x0), 8)
      .fill(palette.navy)
      .restore();
    if (b.target !== null) targetMark(doc, xOf(b.target), y);
    const gap = b.target === null ? null : b.target - b.actual;
    const words = `Actual ${b.format(b.actual)}${b.target === null ? ' · no target' : ` · target ${b.format(b.target)}`}`;
    layout.font('regular', 7.5, palette.muted).text(words, x1 + 8, y + 2, { width: 142, lineBreak: false });
    if (gap !== null) {
      layout
        .font('regular', 7.5, palette.muted)
        .text(gapWords(gap, b.format), x1 + 8, y + 12, { width: 142, lineBreak: false });
    }
  });
  doc.y = top + bars.length * row;
  doc.x = layout.left;
  layout.space(6);
}

/** A closed quarter's gap in words: target − actual, short by when positive, ahead by when negative. */
export function gapWords(gap: number, format: (n: number) => string): string {
  return gap > 0 ? `Short by ${format(gap)}` : gap < 0 ? `Ahead by ${format(-gap)}` : 'On target';
}

/**
 * Bullet bars, one per target metric, each on its own scale: actual to date, the projection to
 * quarter end with its P10–P90 range, and the target as a tick.
 */
export function pacingChart(layout: Layout, bars: PacingBar[]): void {
  const { doc } = layout;
  const row = 34;
  const height = 14 + bars.length * row;
  layout.ensure(height + 6);
  legend(layout, [
    { name: 'Actual to date', colour: palette.navy },
    { name: 'Projection', colour: palette.blue },
    { name: 'Range P10–P90', colour: palette.lightBlue },
    { name: 'Target', colour: palette.bad, kind: 'tick' },
  ]);
  const labelWidth = 100;
  const x0 = layout.left + labelWidth;
  const x1 = layout.right - 150;
  const top = doc.y + 2;
  bars.forEach((b, i) => {
    const y = top + i * row;
    const max = Math.max(b.target ?? 0, b.high, b.actual, b.projection) * 1.04 || 1;
    const xOf = (v: number) => x0 + (Math.max(0, v) / max) * (x1 - x0);
    layout
      .font('bold', 8.5, palette.ink)
      .text(b.label, layout.left, y + 6, { width: labelWidth - 8, lineBreak: false });
    doc
      .save()
      .rect(x0, y + 2, x1 - x0, 18)
      .fill(palette.band)
      .restore();
    doc
      .save()
      .rect(xOf(b.low), y + 4, Math.max(1, xOf(b.high) - xOf(b.low)), 14)
      .fill(palette.lightBlue)
      .restore();
    doc
      .save()
      .rect(x0, y + 7, Math.max(1, xOf(b.projection) - x0), 8)
      .fill(palette.blue)
      .restore();
    doc
      .save()
      .rect(x0, y + 9, Math.max(1, xOf(b.actual) - x0), 4)
      .fill(palette.navy)
      .restore();
    if (b.target !== null) targetMark(doc, xOf(b.target), y);
    const words = `Projection ${b.format(b.projection)}${b.target === null ? ' · no target' : ` · target ${b.format(b.target)}`}`;
    layout.font('regular', 7.5, palette.muted).text(words, x1 + 8, y + 2, { width: 142, lineBreak: false });
    layout
      .font('regular', 7.5, palette.muted)
      .text(`Range ${b.format(b.low)} – ${b.format(b.high)}`, x1 + 8, y + 12, {
        width: 142,
        lineBreak: false,
      });
  });
  doc.y = top + bars.length * row;
  doc.x = layout.left;
  layout.space(6);
}

/** The target on a pacing bar: a red rule across it. */
function targetMark(doc: PDFKit.PDFDocument, x: number, y: number): void {
  doc
    .save()
    .moveTo(x, y)
    .lineTo(x, y + 22)
    .lineWidth(2)
    .strokeColor(palette.bad)
    .stroke()
    .restore();
}
