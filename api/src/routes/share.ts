import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { packSource } from '../reports/board-pack/frozen-figures';
import { buildBoardPack } from '../reports/board-pack/index';
import { readCommentary } from '../reports/commentary';
import { pdfResponse } from '../reports/pdf-response';
import { openShareLink } from '../reports/share-links';
import { sharedView } from '../reports/shared-view';
import { shareTokenAnswer } from '../schemas/report-answers';

// Any text is accepted here and checked against the table: a malformed token gets the same 404.
const tokenParam = z.object({ token: z.string().max(200) });

/**
 * What a share link opens, without a session: one quarter's board pack and the same figures as a
 * read-only page, aggregated only. Every opening is counted on the link and written to the audit log.
 */
export const shareRoutes = new Hono<AppEnv>()
  .get('/:token', responds(shareTokenAnswer), validate('param', tokenParam), async (c) => {
    const { db } = c.var.deps;
    const link = await openShareLink(db, c.req.valid('param').token);
    await audit(db, null, 'share.open', `share-link:${link.id}`, { quarter: link.quarter, what: 'figures' });
    // The PDF's own source: a closed quarter's frozen snapshot, an open one's live figures.
    const source = await packSource(db, link.quarter);
    const commentary = await readCommentary(db, link.quarter);
    return c.json(sharedView(source, link, commentary));
  })
  .get('/:token/board-pack.pdf', validate('param', tokenParam), async (c) => {
    const { db } = c.var.deps;
    const link = await openShareLink(db, c.req.valid('param').token);
    const pack = await buildBoardPack(db, link.quarter);
    await audit(db, null, 'share.open', `share-link:${link.id}`, {
      quarter: link.quarter,
      what: 'board-pack.pdf',
    });
    return pdfResponse(c, pack);
  });
