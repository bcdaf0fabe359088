import { normaliseSourceName, sourceKey } from '@salesready/db/import/write-batch';
import { dimensions } from '@salesready/db/queries/leads/dimensions';
import { sourceCategories, sources } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError, isUniqueViolation } from '../errors';
import { requireRole } from '../middleware/require-role';
import { validate } from '../middleware/validate';

const idParam = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const sourceBody = z
  .object({
    name: z.string().max(1000).transform(normaliseSourceName).pipe(z.string().min(1, 'give a name').max(100)),
    category: z.enum(sourceCategories),
  })
  .partial()
  .strict()
  .refine((b) => b.name !== undefined || b.category !== undefined, 'give a name or a category');

export const sourceRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ sources: (await dimensions(c.var.deps.db)).sources }))
  // Recategorise (unknown imported sources arrive as `other`) or rename a source.
  .patch(
    '/:id',
    requireRole('admin'),
    validate('param', idParam),
    validate('json', sourceBody),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const values = { ...body, ...(body.name !== undefined && { key: sourceKey(body.name) }) };
      let row: typeof sources.$inferSelect | undefined;
      try {
        [row] = await db.update(sources).set(values).where(eq(sources.id, id)).returning();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError('conflict', `another source is already named "${body.name}"`, [
            { path: 'name', message: 'already taken' },
          ]);
        }
        throw error;
      }
      if (!row) throw new AppError('not_found', 'no such source');
      await audit(db, c.var.user.id, 'source.update', `source:${id}`, body);
      return c.json({ source: { id: row.id, name: row.name, category: row.category } });
    },
  );
