import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { answers } from '../figures/answers';
import { quartersWithData } from '../figures/quarters-with-data';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { periodsAnswer } from '../schemas/metrics-answers';

/** `GET /api/periods`: today's fiscal quarter and every quarter with data, for the quarter menus. */
export const periodRoutes = new Hono<AppEnv>().get(
  '/',
  responds(periodsAnswer),
  validate('query', z.object({}).strict()),
  answers(),
  async (c) => c.json(await quartersWithData(c.var.deps.db)),
);
