import { dimensions } from '@salesready/db/queries/leads/dimensions';
import { sourceCategories, sources } from '@salesready/db/schema/index';
import { mergeSources } from '@salesready/db/sources/merge-sources';
import { rememberAliases, resolveSourceNames } from '@salesready/db/sources/resolve-sources';
import { SourceError } from '@salesready/db/sources/source-error';
import { normaliseSourceName, sourceKey } from '@salesready/db/sources/source-key';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError, isUniqueViolation } from '../errors';
import { requireRole } from '../middleware/require-role';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  patchSourcesIdAnswer,
  postSourcesIdMergeAnswer,
  postSourcesMatchAnswer,
  putSourcesAliasesAnswer,
  sourcesAnswer,
} from '../schemas/data-answers';

const idParam = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const sourceBody = z
  .object({
    name: z.string().max(1000).transform(normaliseSourceName).pipe(z.string().min(1, 'give a name').max(100)),
    category: z.enum(sourceCategories),
  })
  .partial()
  .strict()
  .refine((b) => b.name !== undefined || b.category !== undefined, 'give a name or a category');

const rawName = z
  .string()
  .max(1000)
  .transform(normaliseSourceName)
  .pipe(z.string().min(1, 'give a name').max(200));
const matchBody = z.object({ names: z.array(rawName).min(1).max(500) }).strict();
const aliasesBody = z
  .object({
    aliases: z
      .array(
        z
          .object({
            name: rawName,
            /** The source the name joins; null: a new source of that name. */
            sourceId: z.number().int().min(1).max(2_147_483_647).nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
const mergeBody = z.object({ into: z.number().int().min(1).max(2_147_483_647) }).strict();

/** A source that is not there is a 404; merging a source into itself, a 400: each names where. */
function sourceErrorToApp(error: unknown): never {
  if (error instanceof SourceError) {
    const details = error.path ? [{ path: error.path, message: error.message }] : undefined;
    throw new AppError(error.reason === 'same' ? 'bad_request' : 'not_found', error.message, details);
  }
  throw error;
}

export const sourceRoutes = new Hono<AppEnv>()
  .get('/', responds(sourcesAnswer), async (c) =>
    c.json({ sources: (await dimensions(c.var.deps.db)).sources }),
  )
  // Recategorise (unknown imported sources arrive as `other`) or rename a source.
  .patch(
    '/:id',
    responds(patchSourcesIdAnswer),
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
  )
  // The import wizard's confirmation step: which existing source each raw name would join.
  .post(
    '/match',
    responds(postSourcesMatchAnswer),
    requireRole('admin'),
    validate('json', matchBody),
    async (c) => {
      const { names } = c.req.valid('json');
      const found = await resolveSourceNames(c.var.deps.db, names);
      return c.json({
        matches: [...new Set(names)].map((name) => {
          const m = found.get(sourceKey(name));
          return m
            ? { name, sourceId: m.sourceId, sourceName: m.sourceName, how: m.how }
            : { name, sourceId: null, sourceName: null, how: 'new' as const };
        }),
      });
    },
  )
  // The choices confirmed in the wizard, remembered so this import and later ones follow them.
  .put(
    '/aliases',
    responds(putSourcesAliasesAnswer),
    requireRole('admin'),
    validate('json', aliasesBody),
    async (c) => {
      const { db } = c.var.deps;
      const { aliases } = c.req.valid('json');
      const remembered = await rememberAliases(db, aliases, c.var.user.id, (tx, rows) =>
        audit(tx, c.var.user.id, 'source.alias', null, {
          aliases: rows.map((r) => ({ name: r.name, source: r.sourceName, created: r.created })),
        }),
      ).catch(sourceErrorToApp);
      return c.json({ aliases: remembered });
    },
  )
  // Merge a source into another: leads, spend and targets move, and its name stays as an alias.
  .post(
    '/:id/merge',
    responds(postSourcesIdMergeAnswer),
    requireRole('admin'),
    validate('param', idParam),
    validate('json', mergeBody),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid('param');
      const { into } = c.req.valid('json');
      const merged = await mergeSources(db, id, into, (tx, m) =>
        audit(tx, c.var.user.id, 'source.merge', `source:${id}`, {
          from: m.from.name,
          into: { id: m.into.id, name: m.into.name },
          moved: m.moved,
        }),
      ).catch(sourceErrorToApp);
      return c.json(merged);
    },
  );
