import { auditLog, users } from '@salesready/db/schema/index';
import { desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { auditAnswer } from '../schemas/auth-answers';

const auditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** One action (`user.invite`), or every action under a prefix (`auth.*`). */
  action: z
    .string()
    .regex(
      /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/,
      'must be an action such as user.invite, or a prefix such as auth.*',
    )
    .max(100)
    .optional(),
});

function parseDetails(details: string | null): unknown {
  if (details === null) return null;
  try {
    return JSON.parse(details);
  } catch {
    return details;
  }
}

/** The audit log (admins only), newest first. */
export const auditRoutes = new Hono<AppEnv>().get(
  '/',
  responds(auditAnswer),
  validate('query', auditQuery),
  async (c) => {
    const { db } = c.var.deps;
    const { page, pageSize, action } = c.req.valid('query');
    const where = !action
      ? undefined
      : action.endsWith('.*')
        ? sql`left(${auditLog.action}, ${action.length - 1}) = ${action.slice(0, -1)}`
        : eq(auditLog.action, action);
    const [rows, [count]] = await Promise.all([
      db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          action: auditLog.action,
          target: auditLog.target,
          details: auditLog.details,
          userId: auditLog.userId,
          userEmail: users.email,
          userName: users.name,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
    ]);
    return c.json({
      entries: rows.map(({ userId, userEmail, userName, details, ...entry }) => ({
        ...entry,
        user: userId === null ? null : { id: userId, email: userEmail, name: userName },
        details: parseDetails(details),
      })),
      page,
      pageSize,
      total: count?.n ?? 0,
    });
  },
);
