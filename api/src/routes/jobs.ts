import { createHash, timingSafeEqual } from 'node:crypto';
import { defined } from '@salesready/db/defined';
import { listJobs, readJob } from '@salesready/db/jobs/queue';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { jobServices } from '../jobs/kind';
import { runDueJobs } from '../jobs/runner';
import { requireRole } from '../middleware/require-role';
import { requireSession } from '../middleware/require-session';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
import { jobAnswer, jobsAnswer, jobsTickAnswer } from '../schemas/auth-answers';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares in constant time (over digests of equal length, so not even the length leaks). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `POST /tick` (and `GET`, which Vercel Cron sends) with `Authorization: Bearer <CRON_SECRET>`: runs the
 * due background jobs for a bounded time and answers what ran. A scheduler's credential, not a session.
 */
export const jobRoutes = new Hono<AppEnv>()
  .on(['GET', 'POST'], '/tick', responds(jobsTickAnswer), async (c) => {
    const { cronSecret, db, jobTickBudgetMs } = c.var.deps;
    const header = c.req.header('authorization');
    if (!header) {
      throw new AppError('unauthorized', 'the tick needs an Authorization header: Bearer <CRON_SECRET>', [
        { path: 'header.authorization', message: 'missing' },
      ]);
    }
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!bearer) {
      throw new AppError('unauthorized', 'the Authorization header must be "Bearer <CRON_SECRET>"', [
        { path: 'header.authorization', message: 'not a Bearer credential' },
      ]);
    }
    // A credential was given but there is nothing to check it against.
    if (!cronSecret) {
      throw new AppError(
        'unavailable',
        'CRON_SECRET is not set on this server: set it to a random string of at least 16 characters to let a scheduler run the background jobs',
      );
    }
    if (!sameSecret(defined(bearer[1]), cronSecret)) {
      throw new AppError('forbidden', 'the bearer credential is not this server’s CRON_SECRET', [
        { path: 'header.authorization', message: 'does not match CRON_SECRET' },
      ]);
    }
    return c.json(await runDueJobs(db, { budgetMs: jobTickBudgetMs, services: jobServices(c.var.deps) }));
  })
  // Progress of the background work (admins): the latest jobs, one job.
  .get(
    '/',
    responds(jobsAnswer),
    requireSession,
    requireRole('admin'),
    validate('query', z.object({}).strict()),
    async (c) => c.json({ jobs: (await listJobs(c.var.deps.db)).map(publicJob) }),
  )
  .get(
    '/:id',
    responds(jobAnswer),
    requireSession,
    requireRole('admin'),
    validate('param', z.object({ id: rowId }).strict()),
    async (c) => {
      const job = await readJob(c.var.deps.db, c.req.valid('param').id);
      if (!job) throw new AppError('not_found', `no job ${c.req.valid('param').id}`);
      return c.json({ job: publicJob(job) });
    },
  );

/** A job as answered: no lease token (it is the runner's credential for the job). */
export function publicJob<T extends { leaseToken?: string | null }>(job: T): Omit<T, 'leaseToken'> {
  const { leaseToken: _, ...rest } = job;
  return rest;
}
