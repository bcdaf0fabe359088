import type { Context } from 'hono';
import type { BoardPack } from './board-pack/index';

/** A board pack as a download, named after its quarter. */
export function pdfResponse(c: Context, pack: BoardPack): Response {
  return c.body(new Uint8Array(pack.pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="salesready-board-pack-${pack.quarter}.pdf"`,
    'content-length': String(pack.pdf.length),
    'cache-control': 'no-store',
  });
}
