import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sources, targetMetrics, targets } from '@salesready/db/schema/index';
import { normaliseSourceName, sourceKey } from '@salesready/db/sources/source-key';
import { parse } from 'csv-parse/sync';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { requireRole } from '../middleware/require-role';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { quarterLabel, rowId } from '../params';
import { readTextWithin } from '../read-body';
import { deleteTargetsAnswer, putTargetsAnswer, targetsAnswer } from '../schemas/data-answers';

const quarter = quarterLabel;
const targetBody = z
  .object({
    quarter,
    metric: z.enum(targetMetrics),
    sourceId: z.number().int().min(1).max(2_147_483_647).nullable().default(null),
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
        `targets.${index}.sourceId: unknown source ${defined(rows[index]).sourceId}`,
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

const maxCsvBytes = 256 * 1024;
/** As many as one PUT may carry: a spreadsheet of a year's targets by source fits many times over. */
const maxCsvRows = 1000;

/**
 * Targets from a spreadsheet: a CSV with the columns quarter, metric, source, value (source empty for
 * the company-wide target, else a source's name, matched like imports: case and spaces ignored).
 * Every problem is reported with its line; nothing is saved unless every row is right.
 */
async function targetsFromCsv(db: Database, text: string): Promise<TargetInput[]> {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      // One record past the cap is enough to refuse the file; the rest is never parsed.
      to: maxCsvRows + 1,
    });
  } catch (error) {
    throw new AppError('bad_request', `the file is not a readable CSV: ${(error as Error).message}`);
  }
  if (records.length > maxCsvRows) {
    throw new AppError(
      'bad_request',
      `a targets file may have at most ${maxCsvRows} rows; split it in several files`,
    );
  }
  const first = records[0];
  const missing = ['quarter', 'metric', 'value'].filter((c) => first && !(c in first));
  if (!first || missing.length) {
    throw new AppError(
      'bad_request',
      `the CSV needs the columns quarter, metric, source, value${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`,
    );
  }
  const known = await selectRows<{ id: number; key: string }>(db, sql`select id, key from sources`);
  const byKey = new Map(known.map((s) => [s.key, s.id]));
  const rows: TargetInput[] = [];
  const problems: { path: string; message: string }[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const sourceName = normaliseSourceName(record.source ?? '');
    const sourceId = sourceName ? byKey.get(sourceKey(sourceName)) : null;
    if (sourceId === undefined) {
      problems.push({
        path: `line ${line}: source`,
        message: `unknown source "${sourceName.slice(0, 100)}"`,
      });
      return;
    }
    const parsed = targetBody.safeParse({
      quarter: record.quarter,
      metric: record.metric,
      sourceId,
      value: Number((record.value ?? '').replace(/[,\s]/g, '')),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ path: `line ${line}: ${issue.path.join('.')}`, message: issue.message });
    } else rows.push(parsed.data);
  });
  if (problems.length) {
    throw new AppError(
      'bad_request',
      `${problems.length} problem(s) in the targets file; nothing was saved`,
      problems.slice(0, 100),
    );
  }
  if (!rows.length) throw new AppError('bad_request', 'the targets file has no rows');
  return rows;
}

export const targetRoutes = new Hono<AppEnv>()
  .get('/', responds(targetsAnswer), validate('query', z.object({ quarter }).strict()), async (c) => {
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
  .put(
    '/',
    responds(putTargetsAnswer),
    requireRole('admin', 'executive'),
    validate('json', putBody),
    async (c) => {
      const { db } = c.var.deps;
      const { targets: rows } = c.req.valid('json');
      const saved = await saveTargets(db, rows);
      await audit(db, c.var.user.id, 'targets.update', defined(rows[0]).quarter, { count: saved });
      return c.json({ saved });
    },
  )
  .post('/import', responds(putTargetsAnswer), requireRole('admin', 'executive'), async (c) => {
    const { db } = c.var.deps;
    const text = await readTextWithin(c.req.raw, maxCsvBytes, 'a targets file may be at most 256 KB');
    const rows = await targetsFromCsv(db, text);
    const saved = await saveTargets(db, rows);
    await audit(db, c.var.user.id, 'targets.import', defined(rows[0]).quarter, { count: saved });
    return c.json({ saved });
  })
  .delete(
    '/',
    responds(deleteTargetsAnswer),
    requireRole('admin', 'executive'),
    validate(
      'query',
      z
        .object({
          quarter,
          metric: z.enum(targetMetrics),
          sourceId: rowId.optional(),
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
