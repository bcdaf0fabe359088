import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { validate } from '../middleware/validate';
import { packSource } from '../reports/board-pack/frozen-figures';
import { buildBoardPack } from '../reports/board-pack/index';
import { readCommentary } from '../reports/commentary';
import { pdfResponse } from '../reports/pdf-response';
import { openShareLink } from '../reports/share-links';

// Any text is accepted here and checked against the table: a malformed token gets the same 404.
const tokenParam = z.object({ token: z.string().max(200) });

/**
 * What a share link opens, without a session: one quarter's board pack and its headline figures,
 * read-only. Every opening is counted on the link and written to the audit log.
 */
export const shareRoutes = new Hono<AppEnv>()
  .get('/:token', validate('param', tokenParam), async (c) => {
    const { db } = c.var.deps;
    const link = await openShareLink(db, c.req.valid('param').token);
    await audit(db, null, 'share.open', `share-link:${link.id}`, { quarter: link.quarter, what: 'figures' });
    const { data, status } = await packSource(db, link.quarter, null);
    const commentary = await readCommentary(db, link.quarter);
    return c.json({
      quarter: data.quarter,
      expiresAt: link.expiresAt,
      currency: data.currency,
      timezone: data.timezone,
      daysElapsed: data.periods.daysElapsed,
      freshness: data.freshness,
      status,
      kpis: data.kpis,
      details: data.details,
      commentary: commentary
        .filter((s) => s.body !== '')
        .map(({ section, title, body }) => ({ section, title, body })),
    });
  })
  .get('/:token/board-pack.pdf', validate('param', tokenParam), async (c) => {
    const { db } = c.var.deps;
    const link = await openShareLink(db, c.req.valid('param').token);
    const pack = await buildBoardPack(db, link.quarter, { userId: null });
    await audit(db, null, 'share.open', `share-link:${link.id}`, {
      quarter: link.quarter,
      what: 'board-pack.pdf',
    });
    return pdfResponse(c, pack);
  });
