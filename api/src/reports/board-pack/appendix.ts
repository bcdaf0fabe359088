import { definitionGroups } from './definitions';
import { fontNames, type Layout, palette } from './layout';

/** Every figure's definition, in the catalogue's words. */
export function drawAppendix(layout: Layout, closed = false): void {
  const { doc } = layout;
  layout.section(
    'Appendix: definitions',
    'Each figure in this pack carries one name and one meaning, the same in the dashboard, the exports and this pack.',
  );
  for (const group of definitionGroups(closed)) {
    layout.heading(group.title);
    for (const item of group.items) {
      const body = item.text;
      doc.font(fontNames.regular).fontSize(8.5);
      const height = doc.heightOfString(`${item.term}: ${body}`, { width: layout.width, lineGap: 1 }) + 4;
      layout.ensure(height);
      layout.font('bold', 8.5, palette.ink).text(`${item.term}: `, layout.left, doc.y, {
        width: layout.width,
        continued: true,
        lineGap: 1,
      });
      layout.font('regular', 8.5, palette.ink).text(body, { width: layout.width, lineGap: 1 });
      layout.space(3);
    }
    layout.space(4);
  }
}
