import { defined } from '@salesready/db/defined';
import { roles, users } from '@salesready/db/schema/index';
import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { createInvite, deleteOpenInvites } from '../auth/invites';
import { deleteUserSessions } from '../auth/sessions';
import type { AppEnv } from '../context';
import { AppError, isUniqueViolation } from '../errors';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
import { patchUsersIdAnswer, postUsersInviteAnswer, usersAnswer } from '../schemas/auth-answers';

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  // Invited and not yet accepted: no password, not active.
  invited: sql<boolean>`${users.passwordHash} is null`,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};

const inviteBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().max(100).default(''),
  role: z.enum(roles),
});

const patchBody = z
  .object({ role: z.enum(roles), active: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give a role or active to change');

const idParam = z.object({ id: rowId });

/** Users (admins only): list, invite, change a role, deactivate. */
export const userRoutes = new Hono<AppEnv>()
  .get('/', responds(usersAnswer), async (c) => {
    const rows = await c.var.deps.db
      .select({
        ...userColumns,
        // Qualified by hand: drizzle leaves columns unqualified in a one-table select.
        inviteExpiresAt: sql<Date | null>`(select max(i.expires_at) from invites i
          where i.user_id = users.id and i.accepted_at is null)`.mapWith((v: string | Date | null) =>
          v === null ? null : new Date(v),
        ),
      })
      .from(users)
      .orderBy(asc(users.id));
    return c.json({ users: rows });
  })
  .post('/invite', responds(postUsersInviteAnswer, 201), validate('json', inviteBody), async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const admin = c.var.user.id;
    const { user, token, expiresAt } = await db
      .transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: users.id, invited: userColumns.invited })
          .from(users)
          .where(eq(sql`lower(${users.email})`, body.email))
          .for('update');
        if (existing && !existing.invited) {
          throw new AppError('conflict', `${body.email} already has an account`, [
            { path: 'email', message: 'already has an account' },
          ]);
        }
        // Inviting again renews the invitation (and its name and role): the earlier link stops working.
        const [row] = existing
          ? await tx
              .update(users)
              .set({ name: body.name, role: body.role })
              .where(eq(users.id, existing.id))
              .returning(userColumns)
          : await tx
              .insert(users)
              .values({
                email: body.email,
                name: body.name,
                role: body.role,
                active: false,
                passwordHash: null,
              })
              .returning(userColumns);
        const user = defined(row);
        return { user, ...(await createInvite(tx as typeof db, user.id, admin)) };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError('conflict', `${body.email} was just invited`);
        throw error;
      });
    await audit(db, admin, 'user.invite', `user:${user.id}`, { email: body.email, role: body.role });
    // The only time the token is shown: the table keeps its hash.
    return c.json({ user, token, expiresAt }, 201);
  })
  .patch(
    '/:id',
    responds(patchUsersIdAnswer),
    validate('param', idParam),
    validate('json', patchBody),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid('param');
      const changes = c.req.valid('json');
      const { before, after } = await db.transaction(async (tx) => {
        // Every active admin is locked first, in one order, so two admins demoting each other wait in turn.
        const admins = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'admin'), eq(users.active, true)))
          .orderBy(asc(users.id))
          .for('update');
        const [before] = await tx.select(userColumns).from(users).where(eq(users.id, id)).for('update');
        if (!before) throw new AppError('not_found', `no user ${id}`);
        if (changes.active && before.invited) {
          throw new AppError('conflict', `${before.email} has not accepted the invitation yet`);
        }
        const losesAdmin =
          before.role === 'admin' &&
          before.active &&
          ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
        if (losesAdmin && !admins.some((a) => a.id !== id)) {
          throw new AppError(
            'conflict',
            `${before.email} is the last active admin: make another user admin first`,
          );
        }
        const [after] = await tx.update(users).set(changes).where(eq(users.id, id)).returning(userColumns);
        if (changes.active === false) {
          // Deactivation takes effect now: open sessions and a pending invitation stop working.
          await deleteUserSessions(tx as typeof db, id);
          await deleteOpenInvites(tx as typeof db, id);
        }
        return { before, after: defined(after) };
      });
      const actor = c.var.user.id;
      if (before.role !== after.role) {
        await audit(db, actor, 'user.role_change', `user:${id}`, { from: before.role, to: after.role });
      }
      if (before.active !== after.active) {
        await audit(db, actor, after.active ? 'user.reactivate' : 'user.deactivate', `user:${id}`);
      }
      return c.json({ user: after });
    },
  );
