import { type Layout, palette } from './layout';

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
