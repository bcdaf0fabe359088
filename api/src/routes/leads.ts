import { dimensions } from '@salesready/db/queries/leads/dimensions';
import { leadTimeline } from '@salesready/db/queries/leads/lead-timeline';
import { listLeads } from '@salesready/db/queries/leads/list-leads';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { metricsQuery, resolveMetricsQuery } from '../figures/period-query';
import { leadListOptions, leadListShape } from '../lead-list-query';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { leadsAnswer, leadsDimensionsAnswer, leadsIdAnswer } from '../schemas/handoff-answers';

const listQuery = metricsQuery({
  ...leadListShape,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const leadRoutes = new Hono<AppEnv>()
  .get('/', responds(leadsAnswer), validate('query', listQuery), async (c) => {
    const { db } = c.var.deps;
    const query = c.req.valid('query');
    const { periods, filter } = await resolveMetricsQuery(db, query);
    const { rows, total, amount } = await listLeads(db, filter, {
      ...leadListOptions(query),
      page: query.page,
      pageSize: query.pageSize,
    });
    return c.json({
      period: periods.current,
      rows,
      total,
      amount,
      page: query.page,
      pageSize: query.pageSize,
    });
  })
  // The values every lead filter can take (for the filter pickers).
  .get('/dimensions', responds(leadsDimensionsAnswer), async (c) => c.json(await dimensions(c.var.deps.db)))
  .get(
    '/:id',
    responds(leadsIdAnswer),
    validate('param', z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })),
    async (c) => {
      const lead = await leadTimeline(c.var.deps.db, c.req.valid('param').id);
      if (!lead) throw new AppError('not_found', 'no such lead');
      return c.json({ lead });
    },
  );
