import type { Database } from '@salesready/db/client';
import { lastDay } from '../../exports/about';
import { commentaryBySection, readCommentary } from '../commentary';
import { formatDay, formatInstant } from '../format';
import { drawAppendix } from './appendix';
import { drawCohorts } from './cohorts';
import { drawCover } from './cover';
import { type FreezeStatus, packSource } from './frozen-figures';
import { drawFunnel } from './funnel';
import { drawHandoff } from './handoff';
import { fontNames, Layout, loadFonts, pageMargins } from './layout';
import { drawSources } from './sources';
import { drawSpeed } from './speed';
import { drawSummary } from './summary';

export interface BoardPack {
  pdf: Buffer;
  quarter: string;
  pages: number;
  status: FreezeStatus;
}

export interface BoardPackOptions {
  now?: Date;
}

/**
 * A fiscal quarter's board pack as a PDF (A4 portrait, vector text and charts), each section under its
 * commentary; a frozen quarter prints its frozen figures, a closed one not yet frozen says so. pdfkit is
 * loaded on demand, so the API's cold start does not pay for it.
 */
export async function buildBoardPack(
  db: Database,
  quarter: string | undefined,
  { now = new Date() }: BoardPackOptions = {},
): Promise<BoardPack> {
  const [{ data, status }, fonts, { default: PDFDocument }] = await Promise.all([
    packSource(db, quarter, now),
    loadFonts(),
    import('pdfkit'),
  ]);
  const label = data.quarter.label;
  const commentary = commentaryBySection(await readCommentary(db, label));
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: pageMargins,
    bufferPages: true,
    displayTitle: true,
    lang: 'en',
    info: {
      Title: `SalesReady board pack, fiscal quarter ${label}`,
      Author: 'SalesReady',
      Subject: `Lead-to-revenue review of fiscal quarter ${label}`,
      CreationDate: now,
    },
  });
  doc.registerFont(fontNames.regular, fonts.regular);
  doc.registerFont(fontNames.bold, fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const layout = new Layout(
    doc,
    {
      quarterLabel: label,
      quarterDates: `${formatDay(data.quarter.from)} – ${formatDay(lastDay(data.quarter))}`,
      generated: `Generated ${formatInstant(data.generatedAt, data.timezone)} (${data.timezone})`,
    },
    commentary,
  );
  const contents = drawCover(layout, data, status);
  drawSummary(layout, data);
  drawSources(layout, data);
  drawFunnel(layout, data);
  drawSpeed(layout, data);
  drawCohorts(layout, data);
  drawHandoff(layout, data);
  drawAppendix(layout, data.pacing.closed);
  layout.finish(contents);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), quarter: label, pages, status };
}
