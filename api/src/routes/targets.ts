import { selectRows } from '@salesready/db/client';
import { sources, targetMetrics, targets } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { requireRole } from '../middleware/require-role';
import { validate } from '../middleware/validate';

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a fiscal quarter such as 2026-Q1');
const targetBody = z
  .object({
    quarter,
    metric: z.enum(targetMetrics),
    sourceId: z.number().int().min(1).nullable().default(null),
    value: z.number().finite().min(0).max(1e13),
  })
  .strict();
const putBody = z.object({ targets: z.array(targetBody).min(1).max(1000) }).strict();

type TargetInput = z.infer<typeof targetBody>;

/** Upserts targets in one transaction; an unknown source id refuses the whole batch. */
async function saveTargets(db: Parameters<typeof selectRows>[0], rows: TargetInput[]): Promise<number> {
  const ids = [...new Set(rows.map((r) => r.sourceId).filter((id): id is number => id !== null))];
  if (ids.length) {
    const found = await selectRows<{ id: number }>(
      db,
      sql`select id from sources where id = any(${`{${ids.join(',')}}`}::int[])`,
    );
    const known = new Set(found.map((r) => r.id));
    const index = rows.findIndex((r) => r.sourceId !== null && !known.has(r.sourceId));
    if (index >= 0) {
      throw new AppError(
        'bad_request',
        `targets.${index}.sourceId: unknown source ${rows[index]!.sourceId}`,
        [{ path: `targets.${index}.sourceId`, message: 'unknown source' }],
      );
    }
  }
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(targets)
        .values(r)
        .onConflictDoUpdate({
          target: [targets.quarter, targets.metric, targets.sourceId],
          set: { value: r.value },
        });
    }
  });
  return rows.length;
}

export const targetRoutes = new Hono<AppEnv>()
  .get('/', validate('query', z.object({ quarter }).strict()), async (c) => {
    const rows = await c.var.deps.db
      .select({
        id: targets.id,
        quarter: targets.quarter,
        metric: targets.metric,
        sourceId: targets.sourceId,
        source: sources.name,
        value: targets.value,
      })
      .from(targets)
      .leftJoin(sources, eq(sources.id, targets.sourceId))
      .where(eq(targets.quarter, c.req.valid('query').quarter))
      .orderBy(targets.metric, sql`${sources.name} nulls first`);
    return c.json({ targets: rows });
  })
  .put('/', requireRole('admin', 'executive'), validate('json', putBody), async (c) => {
    const { db } = c.var.deps;
    const { targets: rows } = c.req.valid('json');
    const saved = await saveTargets(db, rows);
    await audit(db, c.var.user.id, 'targets.update', rows[0]!.quarter, { count: saved });
    return c.json({ saved });
  })
  .delete(
    '/',
    requireRole('admin', 'executive'),
    validate(
      'query',
      z
        .object({
          quarter,
          metric: z.enum(targetMetrics),
          sourceId: z.coerce.number().int().min(1).optional(),
        })
        .strict(),
    ),
    async (c) => {
      const { db } = c.var.deps;
      const q = c.req.valid('query');
      const deleted = await db
        .delete(targets)
        .where(
          and(
            eq(targets.quarter, q.quarter),
            eq(targets.metric, q.metric),
            q.sourceId ? eq(targets.sourceId, q.sourceId) : isNull(targets.sourceId),
          ),
        )
        .returning({ id: targets.id });
      if (!deleted.length) throw new AppError('not_found', 'no such target');
      await audit(db, c.var.user.id, 'targets.delete', q.quarter, q);
      return c.json({ deleted: deleted.length });
    },
  );
