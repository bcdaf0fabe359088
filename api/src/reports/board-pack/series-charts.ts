import { type BarSeries, caption, captionHeight, legend, niceScale } from './chart-parts';
import { type Layout, palette } from './layout';

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
