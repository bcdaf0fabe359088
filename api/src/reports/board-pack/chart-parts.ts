import { defined } from '@salesready/db/defined';
import { type Layout, palette } from './layout';

/**
 * Vector charts drawn with pdfkit paths. Each measures itself first and asks the layout for the
 * room (`ensure`), so a chart is never split across pages. These are the parts they share.
 */

export interface BarSeries {
  name: string;
  colour: string;
  values: (number | null)[];
}

/** A round axis maximum and step above `max`, four or five ticks. */
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = defined([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough));
  return { max: Math.ceil(max / step) * step, step };
}

export function legend(
  layout: Layout,
  items: { name: string; colour: string; kind?: 'box' | 'line' | 'tick' }[],
) {
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

export function caption(layout: Layout, text: string | undefined) {
  if (!text) return;
  layout.font('bold', 9, palette.ink).text(text, layout.left, layout.doc.y, { width: layout.width });
  layout.space(3);
}

export const captionHeight = (text: string | undefined) => (text ? 15 : 0);
