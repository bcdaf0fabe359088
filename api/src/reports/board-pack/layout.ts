import { defined } from '@salesready/db/defined';
import type { CommentarySection } from '@salesready/db/schema/reports';

/**
 * The one layout helper of the board pack: A4 pages with a running header (the fiscal quarter) and
 * footer (page n of N), headings, paragraphs, KPI tiles and tables that paginate with their header
 * row repeated. Everything is vector text and paths; nothing is an image. Sections draw through it.
 */

export const palette = {
  ink: '#1d2733',
  muted: '#5b6675',
  faint: '#8b95a3',
  rule: '#d6dce4',
  band: '#f2f5f8',
  navy: '#1f3a5f',
  blue: '#2f6fad',
  lightBlue: '#9cc0e3',
  teal: '#2a9d8f',
  amber: '#d98e04',
  good: '#2e7d32',
  bad: '#c0392b',
} as const;

export const fontNames = { regular: 'Body', bold: 'Bold' } as const;

// The fonts' bytes: read from the package's files, or (the Worker bundle) carried in the bundle.
export { loadFonts } from './fonts';

export const pageMargins = { top: 66, bottom: 62, left: 48, right: 48 };

export interface PageFrame {
  /** "2026-Q4", on every page. */
  quarterLabel: string;
  /** "1 October – 31 December 2026". */
  quarterDates: string;
  /** "Generated 23 November 2026, 14:05 (America/New_York)". */
  generated: string;
}

export type Tone = 'good' | 'bad' | 'neutral';

export interface Tile {
  label: string;
  value: string;
  /** Lines under the value: "QoQ +12.3%", coloured by whether the change is good news. */
  notes?: { text: string; tone: Tone }[];
}

export interface TableColumn {
  header: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
}

const toneColour = (tone: Tone) =>
  tone === 'good' ? palette.good : tone === 'bad' ? palette.bad : palette.muted;

export class Layout {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Sections in order and the page (0-based) each starts on: the cover's contents. */
  readonly sections: { title: string; page: number }[] = [];
  private page = 0;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly frame: PageFrame,
    /** What the executives wrote for each section this quarter; printed under the section's title. */
    readonly commentary: Partial<Record<CommentarySection, string>> = {},
  ) {
    this.left = pageMargins.left;
    this.right = doc.page.width - pageMargins.right;
    this.top = pageMargins.top;
    this.bottom = doc.page.height - pageMargins.bottom;
  }

  get width(): number {
    return this.right - this.left;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  space(points: number): void {
    this.doc.y += points;
  }

  newPage(): void {
    this.doc.addPage();
    this.page += 1;
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Starts a new page unless `height` points still fit on this one: nothing drawn after is split. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  font(weight: 'regular' | 'bold', size: number, colour: string = palette.ink): PDFKit.PDFDocument {
    return this.doc.font(fontNames[weight]).fontSize(size).fillColor(colour);
  }

  /** One line of text at its size, or smaller until it fits `width`: never wrapped, never cut. */
  fitted(
    text: string,
    weight: 'regular' | 'bold',
    size: number,
    colour: string,
    x: number,
    y: number,
    width: number,
  ): void {
    let fit = size;
    this.font(weight, fit, colour);
    while (fit > 5.5 && this.doc.widthOfString(text) > width) {
      fit -= 0.5;
      this.font(weight, fit, colour);
    }
    this.doc.text(text, x, y + (size - fit) * 0.6, { lineBreak: false });
  }

  /** A section opens a page with its title, an optional one-line lead and its commentary. */
  section(title: string, lead?: string, commentaryOf?: CommentarySection): void {
    this.newPage();
    this.sections.push({ title, page: this.page });
    this.font('bold', 20, palette.navy).text(title, this.left, this.top, { width: this.width });
    if (lead) {
      this.space(2);
      this.font('regular', 9.5, palette.muted).text(lead, this.left, this.doc.y, { width: this.width });
    }
    this.space(6);
    this.rule(palette.navy, 1);
    this.space(12);
    const comment = commentaryOf && this.commentary[commentaryOf];
    // A section without commentary prints none: no empty box under its title.
    if (comment?.trim()) this.comment(comment);
  }

  /** The executives' commentary: a titled block with a bar down its side, the text as typed. */
  private comment(text: string): void {
    const top = this.doc.y;
    const inset = 12;
    this.font('bold', 9, palette.navy).text('Commentary', this.left + inset, top, {
      width: this.width - inset,
    });
    this.space(2);
    this.font('regular', 9.5, palette.ink).text(text, this.left + inset, this.doc.y, {
      width: this.width - inset,
      lineGap: 1.5,
    });
    const bottom = this.doc.y;
    this.doc
      .save()
      .rect(this.left, top, 3, bottom - top)
      .fill(palette.teal)
      .restore();
    this.doc.x = this.left;
    this.space(14);
  }

  /** A heading kept on a page with at least `keep` points of what follows it. */
  heading(text: string, note?: string, keep = 60): void {
    this.ensure(keep + 30);
    this.font('bold', 12, palette.navy).text(text, this.left, this.doc.y, { width: this.width });
    if (note)
      this.font('regular', 8.5, palette.muted).text(note, this.left, this.doc.y + 1, { width: this.width });
    this.space(6);
  }

  paragraph(text: string, options: { size?: number; colour?: string; bold?: boolean } = {}): void {
    const size = options.size ?? 9.5;
    this.font(options.bold ? 'bold' : 'regular', size, options.colour ?? palette.ink);
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + 2);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, lineGap: 1.5 });
    this.space(4);
  }

  rule(colour: string = palette.rule, width = 0.6): void {
    const y = this.doc.y;
    this.doc.save().moveTo(this.left, y).lineTo(this.right, y).lineWidth(width).strokeColor(colour).stroke();
    this.doc.restore();
  }

  /** KPI tiles in rows of `perRow`; a row of tiles is never split. */
  tiles(tiles: Tile[], perRow: number): void {
    const gap = 10;
    const w = (this.width - gap * (perRow - 1)) / perRow;
    const h = 40 + 10 * Math.max(0, ...tiles.map((t) => t.notes?.length ?? 0)) + 6;
    for (let i = 0; i < tiles.length; i += perRow) {
      this.ensure(h + gap);
      const y = this.doc.y;
      tiles.slice(i, i + perRow).forEach((tile, j) => {
        const x = this.left + j * (w + gap);
        this.doc.save().roundedRect(x, y, w, h, 4).fill(palette.band).restore();
        this.doc.save().rect(x, y, 3, h).fill(palette.blue).restore();
        this.fitted(tile.label, 'regular', 8, palette.muted, x + 10, y + 7, w - 16);
        this.fitted(tile.value, 'bold', 16, palette.ink, x + 10, y + 19, w - 16);
        let noteY = y + 41;
        for (const note of tile.notes ?? []) {
          this.fitted(note.text, 'regular', 7.5, toneColour(note.tone), x + 10, noteY, w - 16);
          noteY += 10;
        }
      });
      this.doc.y = y + h + gap;
      this.doc.x = this.left;
    }
  }

  /**
   * A table across pages: rows are kept whole, and a page break repeats the header row under a
   * "continued" caption. Cells wrap; nothing is cut off.
   */
  table(columns: TableColumn[], rows: TableRow[], options: { caption?: string; size?: number } = {}): void {
    const size = options.size ?? 8.5;
    const pad = 4;
    const widths = columns.map((c) => c.width * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const heightOf = (cells: string[], weight: 'regular' | 'bold') => {
      this.font(weight, size);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            this.doc.heightOfString(cell || ' ', { width: defined(widths[i]) - 2 * pad }),
          ),
        ) +
        2 * pad
      );
    };
    const drawRow = (cells: string[], weight: 'regular' | 'bold', height: number, fill?: string) => {
      const y = this.doc.y;
      if (fill) this.doc.save().rect(this.left, y, this.width, height).fill(fill).restore();
      cells.forEach((cell, i) => {
        this.font(weight, size, palette.ink).text(cell, defined(xs[i]) + pad, y + pad, {
          width: defined(widths[i]) - 2 * pad,
          align: defined(columns[i]).align ?? 'left',
        });
      });
      this.doc.y = y + height;
      this.doc.save().moveTo(this.left, this.doc.y).lineTo(this.right, this.doc.y);
      this.doc.lineWidth(0.4).strokeColor(palette.rule).stroke().restore();
    };
    const headers = columns.map((c) => c.header);
    const headerHeight = heightOf(headers, 'bold');
    const drawHeader = (continued: boolean) => {
      if (continued && options.caption) {
        this.font('regular', 8, palette.faint).text(`${options.caption} (continued)`, this.left, this.doc.y, {
          width: this.width,
        });
        this.space(2);
      }
      drawRow(headers, 'bold', headerHeight, palette.band);
    };
    const firstRow = rows[0] ? heightOf(rows[0].cells, rows[0].bold ? 'bold' : 'regular') : 0;
    this.ensure(headerHeight + firstRow);
    drawHeader(false);
    for (const row of rows) {
      const weight = row.bold ? 'bold' : 'regular';
      const height = heightOf(row.cells, weight);
      if (this.doc.y + height > this.bottom) {
        this.newPage();
        drawHeader(true);
      }
      drawRow(row.cells, weight, height);
    }
    this.doc.x = this.left;
    this.space(10);
  }

  /** Running header, footer and page numbers on every page, once all pages exist. */
  finish(drawCoverExtras?: () => void): void {
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    for (let i = range.start; i < range.start + total; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const keep = page.margins.bottom;
      // Writing in the margins must not start a new page.
      page.margins.bottom = 0;
      if (i > 0) {
        this.font('bold', 8.5, palette.navy).text('SalesReady · Board pack', this.left, 30, {
          width: this.width / 2,
          lineBreak: false,
        });
        this.font('bold', 8.5, palette.navy).text(
          `Fiscal quarter ${this.frame.quarterLabel}`,
          this.left,
          30,
          {
            width: this.width,
            align: 'right',
            lineBreak: false,
          },
        );
        this.doc
          .save()
          .moveTo(this.left, 44)
          .lineTo(this.right, 44)
          .lineWidth(0.6)
          .strokeColor(palette.rule)
          .stroke();
        this.doc.restore();
      }
      const footerY = page.height - 40;
      this.doc
        .save()
        .moveTo(this.left, footerY - 6)
        .lineTo(this.right, footerY - 6)
        .lineWidth(0.6);
      this.doc.strokeColor(palette.rule).stroke().restore();
      this.font('regular', 7.5, palette.muted).text(
        `Fiscal quarter ${this.frame.quarterLabel} (${this.frame.quarterDates}) · ${this.frame.generated}`,
        this.left,
        footerY,
        { width: this.width * 0.8, lineBreak: false },
      );
      this.font('regular', 7.5, palette.muted).text(`Page ${i + 1} of ${total}`, this.left, footerY, {
        width: this.width,
        align: 'right',
        lineBreak: false,
      });
      if (i === range.start && drawCoverExtras) drawCoverExtras();
      page.margins.bottom = keep;
    }
  }
}
