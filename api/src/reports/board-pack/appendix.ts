import { definitionGroups } from './definitions';
import { fontNames, type Layout, palette } from './layout';

/** Every figure's definition, in the words of docs/metrics.md and docs/pacing.md. */
export function drawAppendix(layout: Layout, closed = false): void {
  const { doc } = layout;
  layout.section(
    'Appendix: definitions',
    'Each figure in this pack is computed as defined here; docs/metrics.md and docs/pacing.md give the same words and the SQL.',
  );
  for (const group of definitionGroups) {
    layout.heading(group.title);
    for (const item of group.items) {
      // A closed quarter's pack prints no projection, so it defines none.
      if (item.when && item.when !== (closed ? 'closed' : 'open')) continue;
      const body = `${item.text} (${item.doc})`;
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
