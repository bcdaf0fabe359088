import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { answers } from '../figures/answers';
import { figureAnswer } from '../figures/figure-values';
import { periodQuery } from '../figures/period-query';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { figureAnswerSchema } from '../schemas/responses';

/** `GET /api/figures`: the catalogue of every figure the product shows, with its value for the period and filters. */
export const figureRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', periodQuery),
  responds(figureAnswerSchema),
  answers(),
  async (c) => c.json(await figureAnswer(c.var.deps.db, c.req.valid('query'))),
);
