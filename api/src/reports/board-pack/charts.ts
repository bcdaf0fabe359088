import { type Layout, palette } from './layout';

/**
 * Vector charts drawn with pdfkit paths. Each measures itself first and asks the layout for the
 * room (`ensure`), so a chart is never split across pages.
 */

export interface BarSeries {
  name: string;
  colour: string;
  values: (number | null)[];
}

/** A round axis maximum and step above `max`, four or five ticks. */
function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { max: Math.ceil(max / step) * step, step };
}

function legend(layout: Layout, items: { name: string; colour: string; kind?: 'box' | 'line' | 'tick' }[]) {
  const { doc } = layout;
  let x = layout.left;
  const y = doc.y;
  for (const item of items) {
    if (item.kind === 'line') {
      doc
        .save()
        .moveTo(x, y + 4)
        .lineTo(x + 12, y + 4)
        .lineWidth(1.6)
        .strokeColor(item.colour)
        .stroke();
      doc
        .circle(x + 6, y + 4, 1.8)
        .fill(item.colour)
        .restore();
    } else if (item.kind === 'tick') {
      doc
        .save()
        .moveTo(x + 5, y)
        .lineTo(x + 5, y + 8)
        .lineWidth(1.6)
        .strokeColor(item.colour)
        .stroke()
        .restore();
    } else {
      doc
        .save()
        .rect(x, y + 1, 9, 7)
        .fill(item.colour)
        .restore();
    }
    layout.font('regular', 7.5, palette.muted).text(item.name, x + 15, y, { lineBreak: false });
    x += 15 + doc.widthOfString(item.name) + 14;
  }
  doc.y = y + 14;
}

function caption(layout: Layout, text: string | undefined) {
  if (!text) return;
  layout.font('bold', 9, palette.ink).text(text, layout.left, layout.doc.y, { width: layout.width });
  layout.space(3);
}

const captionHeight = (text: string | undefined) => (text ? 15 : 0);

/** Horizontal bars, one group per category, one bar per series; values written at the bar ends. */
export function barChart(
  layout: Layout,
  spec: {
    title?: string;
    categories: string[];
    series: BarSeries[];
    format: (n: number) => string;
    labelWidth?: number;
  },
): void {
  const { doc } = layout;
  const bar = 8;
  const gap = 2;
  const groupGap = 7;
  const groupHeight = spec.series.length * bar + (spec.series.length - 1) * gap;
  const plotHeight = spec.categories.length * (groupHeight + groupGap);
  const height = captionHeight(spec.title) + 14 + plotHeight + 16;
  layout.ensure(height + 6);
  caption(layout, spec.title);
  legend(
    layout,
    spec.series.map((s) => ({ name: s.name, colour: s.colour })),
  );
  const labelWidth = spec.labelWidth ?? 120;
  const x0 = layout.left + labelWidth;
  const x1 = layout.right - 56;
  const top = doc.y;
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = niceScale(max);
  const xOf = (v: number) => x0 + (Math.max(0, v) / scale.max) * (x1 - x0);
  for (let t = 0; t <= scale.max + 1e-9; t += scale.step) {
    const x = xOf(t);
    doc
      .save()
      .moveTo(x, top - 2)
      .lineTo(x, top + plotHeight)
      .lineWidth(0.4)
      .strokeColor(palette.rule)
      .stroke();
    doc.restore();
    layout.font('regular', 7, palette.faint).text(spec.format(t), x - 30, top + plotHeight + 3, {
      width: 60,
      align: 'center',
      lineBreak: false,
    });
  }
  spec.categories.forEach((category, i) => {
    const gy = top + i * (groupHeight + groupGap);
    layout.font('regular', 8, palette.ink).text(category, layout.left, gy + groupHeight / 2 - 4.5, {
      width: labelWidth - 8,
      lineBreak: false,
      ellipsis: true,
    });
    spec.series.forEach((s, j) => {
      const value = s.values[i];
      const y = gy + j * (bar + gap);
      if (value === null || value === undefined) return;
      const x = xOf(value);
      doc
        .save()
        .rect(x0, y, Math.max(0.8, x - x0), bar)
        .fill(s.colour)
        .restore();
      layout.font('regular', 7, palette.muted).text(spec.format(value), x + 3, y + 0.5, { lineBreak: false });
    });
  });
  doc.y = top + plotHeight + 16;
  doc.x = layout.left;
  layout.space(8);
}

/** Lines over categories (cohorts); a null value breaks the line. */
export function lineChart(
  layout: Layout,
  spec: {
    title?: string;
    categories: string[];
    series: BarSeries[];
    format: (n: number) => string;
    plotHeight?: number;
  },
): void {
  const { doc } = layout;
  const plotHeight = spec.plotHeight ?? 140;
  const height = captionHeight(spec.title) + 14 + plotHeight + 18;
  layout.ensure(height + 6);
  caption(layout, spec.title);
  legend(
    layout,
    spec.series.map((s) => ({ name: s.name, colour: s.colour, kind: 'line' as const })),
  );
  const x0 = layout.left + 40;
  const x1 = layout.right - 10;
  const top = doc.y + 4;
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = niceScale(max);
  const yOf = (v: number) => top + plotHeight - (v / scale.max) * plotHeight;
  const step = (x1 - x0) / Math.max(1, spec.categories.length);
  const xOf = (i: number) => x0 + step * (i + 0.5);
  for (let t = 0; t <= scale.max + 1e-9; t += scale.step) {
    const y = yOf(t);
    doc.save().moveTo(x0, y).lineTo(x1, y).lineWidth(0.4).strokeColor(palette.rule).stroke().restore();
    layout.font('regular', 7, palette.faint).text(spec.format(t), layout.left, y - 3.5, {
      width: 36,
      align: 'right',
      lineBreak: false,
    });
  }
  spec.categories.forEach((category, i) => {
    layout.font('regular', 7, palette.muted).text(category, xOf(i) - step / 2, top + plotHeight + 4, {
      width: step,
      align: 'center',
      lineBreak: false,
    });
  });
  for (const s of spec.series) {
    doc.save().lineWidth(1.6).strokeColor(s.colour);
    let drawing = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xOf(i), yOf(v));
      else doc.moveTo(xOf(i), yOf(v));
      drawing = true;
    });
    doc.stroke();
    s.values.forEach((v, i) => {
      if (v !== null) doc.circle(xOf(i), yOf(v), 2).fill(s.colour);
    });
    doc.restore();
  }
  doc.y = top + plotHeight + 18;
  doc.x = layout.left;
  layout.space(8);
}

/** The funnel: one centred bar per stage, its count inside, the step conversion beside it. */
export function funnelChart(
  layout: Layout,
  stages: { label: string; count: number; note: string | null }[],
  format: (n: number) => string,
): void {
  const { doc } = layout;
  const row = 24;
  const height = stages.length * row + 6;
  layout.ensure(height + 6);
  const top = doc.y;
  const labelWidth = 90;
  const noteWidth = 150;
  const x0 = layout.left + labelWidth;
  const span = layout.width - labelWidth - noteWidth;
  const max = Math.max(1, ...stages.map((s) => s.count));
  stages.forEach((stage, i) => {
    const y = top + i * row;
    const w = Math.max(2, (stage.count / max) * span);
    const x = x0 + (span - w) / 2;
    const shade = i === 0 ? palette.navy : i < 3 ? palette.blue : i < 5 ? palette.lightBlue : palette.teal;
    doc
      .save()
      .rect(x, y, w, row - 5)
      .fill(shade)
      .restore();
    layout.font('bold', 8.5, palette.ink).text(stage.label, layout.left, y + 5, {
      width: labelWidth - 8,
      lineBreak: false,
    });
    const countText = format(stage.count);
    layout.font('bold', 8.5);
    const textWidth = doc.widthOfString(countText);
    // Inside a bar wide enough (white on the dark ones), else just after its end.
    if (w > textWidth + 10) {
      layout.font('bold', 8.5, i < 3 ? '#ffffff' : palette.ink).text(countText, x, y + 5, {
        width: w,
        align: 'center',
        lineBreak: false,
      });
    } else {
      layout.font('bold', 8.5, palette.ink).text(countText, x + w + 4, y + 5, { lineBreak: false });
    }
    if (stage.note) {
      layout.font('regular', 8, palette.muted).text(stage.note, x0 + span + 8, y + 5, {
        width: noteWidth - 8,
        lineBreak: false,
      });
    }
  });
  doc.y = top + height;
  doc.x = layout.left;
  layout.space(6);
}

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
