import { formatInstant } from '../format';
import type { BoardPackData } from './data';
import type { FreezeStatus } from './frozen-figures';
import { type Layout, palette } from './layout';

/** The cover: the quarter, when the pack was made and how fresh its data is; contents filled in last. */
export function drawCover(layout: Layout, data: BoardPackData, status: FreezeStatus): () => void {
  const { doc } = layout;
  const band = 250;
  doc.save().rect(0, 0, doc.page.width, band).fill(palette.navy).restore();
  layout.font('bold', 11, '#c9d7e8').text('SalesReady', layout.left, 64, { width: layout.width });
  layout.font('bold', 34, '#ffffff').text('Board pack', layout.left, 92, { width: layout.width });
  layout.font('bold', 20, '#ffffff').text(`Fiscal quarter ${data.quarter.label}`, layout.left, 142, {
    width: layout.width,
  });
  layout
    .font('regular', 12, '#c9d7e8')
    .text(layout.frame.quarterDates, layout.left, 172, { width: layout.width });
  layout.font('regular', 10, '#c9d7e8').text('Lead-to-revenue review for the board', layout.left, 196, {
    width: layout.width,
  });

  const p = data.periods;
  const days = data.pacing.daysInQuarter;
  const progress =
    p.daysElapsed === null
      ? data.pacing.daysElapsed === 0
        ? 'Not started yet.'
        : 'Complete: every figure covers the whole quarter.'
      : `In progress: day ${p.daysElapsed} of ${days}. Quarter-on-quarter and year-on-year changes compare the same first ${p.daysElapsed} days of each quarter.`;
  const facts: [string, string][] = [
    ['Generated', `${formatInstant(data.generatedAt, data.timezone)} (${data.timezone})`],
    [
      'Data freshness',
      data.freshness
        ? `latest lead update ${formatInstant(data.freshness, data.timezone)} (${data.timezone})`
        : 'no leads recorded yet',
    ],
    ['Quarter', progress],
    ['Figures', freezeNote(status, data.timezone)],
    ['Scope', `All leads, all sources, company-wide; amounts in ${data.currency}`],
  ];
  let y = band + 36;
  for (const [key, value] of facts) {
    layout.font('bold', 9.5, palette.muted).text(key, layout.left, y, { width: 110 });
    layout.font('regular', 9.5, palette.ink).text(value, layout.left + 115, y, { width: layout.width - 115 });
    y = Math.max(doc.y, y + 14) + 6;
  }
  const contentsTop = y + 24;
  layout.font('bold', 12, palette.navy).text('Contents', layout.left, contentsTop, { width: layout.width });
  doc.y = contentsTop + 20;
  layout
    .font('regular', 8.5, palette.muted)
    .text(
      'Every figure is the one the SalesReady dashboard shows for the quarter above, under the same name, and is defined in the appendix. The data behind every table can be downloaded from the dashboard as CSV or Excel.',
      layout.left,
      layout.bottom - 40,
      { width: layout.width },
    );

  // Drawn once every section's page is known.
  return () => {
    let cy = contentsTop + 20;
    for (const section of layout.sections) {
      layout.font('regular', 10, palette.ink).text(section.title, layout.left, cy, {
        width: layout.width - 60,
        lineBreak: false,
      });
      layout.font('regular', 10, palette.muted).text(String(section.page + 1), layout.left, cy, {
        width: layout.width,
        align: 'right',
        lineBreak: false,
      });
      doc
        .save()
        .moveTo(layout.left, cy + 15)
        .lineTo(layout.right, cy + 15)
        .lineWidth(0.4);
      doc.strokeColor(palette.rule).stroke().restore();
      cy += 21;
    }
  };
}

/** Whether a later reader sees the same numbers: a closed quarter's are frozen, an open one's move. */
export function freezeNote(status: FreezeStatus, timezone: string): string {
  if (status.state === 'open') {
    return 'Not frozen: the quarter is still open, so these figures change as data arrives. Once it has ended, an admin freezes them for the board.';
  }
  if (status.state === 'unfrozen') {
    return 'Not frozen yet: the quarter has ended, but these are today’s figures and change if its data is corrected. An admin freezes them on the Board pack page.';
  }
  const by = status.frozenBy ? ` by ${status.frozenBy}` : '';
  return `Figures frozen on ${formatInstant(status.frozenAt, timezone)} (${timezone})${by}, hash ${shortHash(status.hash)}. Later changes to the data do not alter this pack; the restatement view lists them.`;
}

export const shortHash = (hash: string) => hash.slice(0, 12);
