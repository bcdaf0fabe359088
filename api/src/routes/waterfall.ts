import {
  pipelineWaterfall,
  waterfallDeals,
  waterfallMovements,
} from '@salesready/db/snapshots/pipeline-waterfall';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { answers } from '../figures/answers';
import { listParam } from '../figures/period-query';
import { resolveWaterfallFilter } from '../figures/waterfall';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { dateParam, quarterLabel } from '../params';
import {
  metricsPipelineWaterfallAnswer,
  metricsPipelineWaterfallDealsAnswer,
} from '../schemas/handoff-answers';

const sourceId = (raw: string) =>
  /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : undefined;
const owner = (raw: string) => (raw.length <= 200 ? raw : undefined);

const waterfallShape = {
  from: dateParam
    .optional()
    .describe('The pipeline at the end of this day (default: the day before the quarter starts)'),
  to: dateParam
    .optional()
    .describe('…against the end of this day (default: today, or the quarter’s last day)'),
  quarter: quarterLabel
    .optional()
    .describe(
      'A fiscal quarter: its default dates, and only deals expected to close in it count as pipeline',
    ),
  source: listParam(sourceId, 'a source id', true),
  owner: listParam(owner, 'an owner of at most 200 characters', false),
};
const waterfallQuery = z.strictObject(waterfallShape);
const dealsQuery = z.strictObject({
  ...waterfallShape,
  movement: z.enum(waterfallMovements),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * `GET /` the pipeline waterfall between two dates (starting → new, pulled in, pushed out, increased,
 * decreased, won, lost → ending), overall, by source and by owner; `GET /deals?movement=…` the deals
 * behind one bar. Docs: docs/pacing.md, "The pipeline waterfall".
 */
export const waterfallRoutes = new Hono<AppEnv>()
  .get(
    '/',
    responds(metricsPipelineWaterfallAnswer),
    validate('query', waterfallQuery),
    answers({ keep: false }),
    async (c) => {
      const { db } = c.var.deps;
      const q = c.req.valid('query');
      const filter = await resolveWaterfallFilter(db, q);
      return c.json({ ...(await pipelineWaterfall(db, filter)), quarter: q.quarter ?? null });
    },
  )
  .get(
    '/deals',
    responds(metricsPipelineWaterfallDealsAnswer),
    validate('query', dealsQuery),
    answers({ keep: false }),
    async (c) => {
      const { db } = c.var.deps;
      const { movement, page, pageSize, ...q } = c.req.valid('query');
      const filter = await resolveWaterfallFilter(db, q);
      const result = await waterfallDeals(db, filter, movement, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return c.json({ from: filter.from, to: filter.to, movement, page, pageSize, ...result });
    },
  );
