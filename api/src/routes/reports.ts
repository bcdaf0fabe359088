import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { validate } from '../middleware/validate';
import { buildBoardPack } from '../reports/board-pack/index';

const boardPackQuery = z
  .object({
    quarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'must be a fiscal quarter such as 2026-Q1')
      .optional(),
  })
  .strict();

/** Reports for the board: every signed-in role may download them. */
export const reportRoutes = new Hono<AppEnv>().get(
  '/board-pack.pdf',
  validate('query', boardPackQuery),
  async (c) => {
    const { db } = c.var.deps;
    const pack = await buildBoardPack(db, c.req.valid('query').quarter);
    await audit(db, c.var.user.id, 'export', 'board-pack.pdf', { quarter: pack.quarter, pages: pack.pages });
    return c.body(new Uint8Array(pack.pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="salesready-board-pack-${pack.quarter}.pdf"`,
      'content-length': String(pack.pdf.length),
      'cache-control': 'no-store',
    });
  },
);
