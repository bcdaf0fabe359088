import { defined } from '@salesready/db/defined';
import { commentarySections } from '@salesready/db/schema/reports';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { resolvePeriods } from '../figures/period-query';
import { requireRole } from '../middleware/require-role';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { quarterLabel } from '../params';
import { boardPackData } from '../reports/board-pack/data';
import {
  freeze,
  packSource,
  quarterIsClosed,
  readSnapshot,
  toFigures,
} from '../reports/board-pack/frozen-figures';
import { buildBoardPack } from '../reports/board-pack/index';
import { commentaryText, readCommentary, writeCommentary } from '../reports/commentary';
import { pdfResponse } from '../reports/pdf-response';
import { type Restatement, restatements } from '../reports/restatement';
import { createShareLink, listShareLinks, revokeShareLink, shareLinkDays } from '../reports/share-links';
import { sharedView } from '../reports/shared-view';
import {
  deleteReportsShareLinksIdAnswer,
  postReportsFreezeAnswer,
  postReportsShareLinksAnswer,
  reportsCommentaryAnswer,
  reportsFreezeAnswer,
  reportsPreviewAnswer,
  reportsRestatementAnswer,
  reportsShareLinksAnswer,
} from '../schemas/report-answers';

const quarter = quarterLabel;
const boardPackQuery = z.object({ quarter: quarter.optional() }).strict();
const quarterQuery = z.object({ quarter }).strict();

const commentaryBody = z
  .object({
    sections: z
      .object(Object.fromEntries(commentarySections.map((s) => [s, commentaryText.optional()])))
      .strict(),
  })
  .strict();

const shareLinkBody = z
  .object({
    quarter,
    days: z.number().int().min(shareLinkDays.min).max(shareLinkDays.max),
    label: z.string().trim().max(100).default(''),
  })
  .strict();

const writers = requireRole('admin', 'executive');

/**
 * Reports for the board: every signed-in role reads them; executives and admins write the
 * commentary and share links; only an admin replaces a closed quarter's frozen figures.
 */
export const reportRoutes = new Hono<AppEnv>()
  .get('/board-pack.pdf', validate('query', boardPackQuery), async (c) => {
    const { db } = c.var.deps;
    const pack = await buildBoardPack(db, c.req.valid('query').quarter);
    await audit(db, c.var.user.id, 'export', 'board-pack.pdf', { quarter: pack.quarter, pages: pack.pages });
    return pdfResponse(c, pack);
  })
  // The pack's pages before downloading: the very figures and commentary the PDF prints (its source,
  // frozen or live), in the shape the share view renders (docs/decisions/0021).
  .get('/preview', responds(reportsPreviewAnswer), validate('query', boardPackQuery), async (c) => {
    const { db } = c.var.deps;
    const source = await packSource(db, c.req.valid('query').quarter);
    const commentary = await readCommentary(db, source.data.quarter.label);
    const { expiresAt: _, ...view } = sharedView(source, { expiresAt: new Date() }, commentary);
    return c.json(view);
  })
  .get('/commentary', responds(reportsCommentaryAnswer), validate('query', quarterQuery), async (c) => {
    const { quarter } = c.req.valid('query');
    return c.json({ quarter, sections: await readCommentary(c.var.deps.db, quarter) });
  })
  .put(
    '/commentary',
    responds(reportsCommentaryAnswer),
    writers,
    validate('query', quarterQuery),
    validate('json', commentaryBody),
    async (c) => {
      const { db } = c.var.deps;
      const { quarter } = c.req.valid('query');
      const texts = c.req.valid('json').sections;
      const changed = await writeCommentary(db, quarter, texts, c.var.user.id);
      if (changed.length > 0) {
        await audit(db, c.var.user.id, 'report.commentary', `quarter:${quarter}`, {
          sections: Object.fromEntries(changed.map((s) => [s, { characters: defined(texts[s]).length }])),
        });
      }
      return c.json({ quarter, sections: await readCommentary(db, quarter) });
    },
  )
  .get('/freeze', responds(reportsFreezeAnswer), validate('query', boardPackQuery), async (c) => {
    const { db } = c.var.deps;
    const now = new Date();
    const current = (await resolvePeriods(db, {}, now)).current.label;
    const quarter = c.req.valid('query').quarter ?? current;
    const closed = await quarterIsClosed(db, quarter, now);
    const snapshot = closed ? await readSnapshot(db, quarter) : null;
    return c.json({
      quarter,
      current,
      state: closed ? ('closed' as const) : ('open' as const),
      frozen: snapshot && { frozenAt: snapshot.frozenAt, frozenBy: snapshot.frozenBy, hash: snapshot.hash },
    });
  })
  .post(
    '/freeze',
    responds(postReportsFreezeAnswer),
    requireRole('admin'),
    validate('query', quarterQuery),
    async (c) => {
      const { quarter } = c.req.valid('query');
      const status = await freeze(c.var.deps.db, quarter, c.var.user.id);
      return c.json({ quarter, ...status });
    },
  )
  .get('/restatement', responds(reportsRestatementAnswer), validate('query', quarterQuery), async (c) => {
    const { db } = c.var.deps;
    const { quarter } = c.req.valid('query');
    const now = new Date();
    const closed = await quarterIsClosed(db, quarter, now);
    const snapshot = closed ? await readSnapshot(db, quarter) : null;
    // Today's figures are computed only when there is a snapshot to hold them against.
    const rows: Restatement[] = snapshot
      ? restatements(snapshot.figures, toFigures(await boardPackData(db, quarter, now)))
      : [];
    return c.json({
      quarter,
      state: closed ? ('closed' as const) : ('open' as const),
      frozen: snapshot && { frozenAt: snapshot.frozenAt, frozenBy: snapshot.frozenBy, hash: snapshot.hash },
      rows,
    });
  })
  .get('/share-links', responds(reportsShareLinksAnswer), validate('query', boardPackQuery), async (c) => {
    return c.json({ links: await listShareLinks(c.var.deps.db, c.req.valid('query').quarter) });
  })
  .post(
    '/share-links',
    responds(postReportsShareLinksAnswer, 201),
    writers,
    validate('json', shareLinkBody),
    async (c) => {
      const { db } = c.var.deps;
      const input = c.req.valid('json');
      const link = await createShareLink(db, input, c.var.user.id);
      await audit(db, c.var.user.id, 'share.create', `share-link:${link.id}`, {
        quarter: link.quarter,
        expiresAt: link.expiresAt,
      });
      // The only time the token is shown: the table keeps its hash.
      return c.json(link, 201);
    },
  )
  .delete(
    '/share-links/:id',
    responds(deleteReportsShareLinksIdAnswer),
    writers,
    validate('param', z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid('param');
      const { link, revoked } = await revokeShareLink(db, id);
      if (revoked)
        await audit(db, c.var.user.id, 'share.revoke', `share-link:${id}`, { quarter: link.quarter });
      return c.json(link);
    },
  );
