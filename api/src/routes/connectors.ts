import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { connectors } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { connectorSealContext } from '../auth/seal-contexts';
import { secretBox } from '../auth/secrets';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { enqueueConnectorSync } from '../jobs/kinds/connector-sync';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
import {
  connectorCreated,
  connectorList,
  connectorRevoked,
  connectorStatus,
  connectorSyncQueued,
} from '../schemas/connector-answers';
import {
  createSalesforceConnector,
  salesforceCreateBody,
  salesforceOAuthRoutes,
  salesforceRevocation,
} from './salesforce-oauth';

const createBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('hubspot'),
    /** A HubSpot private app's access token (scopes: contacts, deals and owners, read). */
    accessToken: z.string().trim().min(10, 'is not a HubSpot access token').max(500),
  }),
  salesforceCreateBody,
]);

/** A connector as answered: never its credential. */
const publicColumns = {
  id: connectors.id,
  kind: connectors.kind,
  status: connectors.status,
  message: connectors.message,
  lastRun: connectors.lastRun,
  createdAt: connectors.createdAt,
  revokedAt: connectors.revokedAt,
};

/** CRMs the product reads by itself (admins): connect, sync now, see the last run, revoke. */
export const connectorRoutes = new Hono<AppEnv>()
  .route('/salesforce', salesforceOAuthRoutes)
  .get('/', responds(connectorList), async (c) => {
    const rows = await c.var.deps.db.select(publicColumns).from(connectors).orderBy(connectors.id);
    return c.json({ connectors: rows });
  })
  .post('/', validate('json', createBody), responds(connectorCreated, 201), async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    if (body.kind === 'salesforce') return c.json(await createSalesforceConnector(c, body), 201);
    const box = secretBox(c.var.deps);
    // Refuse before anything is stored when there is no key to seal the token with.
    if (!box.canSeal) await box.seal('', 'check');
    const id = await db.transaction(async (tx) => {
      const [live] = await tx
        .select({ id: connectors.id })
        .from(connectors)
        .where(and(eq(connectors.kind, body.kind), isNull(connectors.revokedAt)));
      if (live)
        throw new AppError(
          'conflict',
          `HubSpot is already connected (connector ${live.id}): revoke it first`,
        );
      const [row] = await tx
        .insert(connectors)
        .values({ kind: body.kind, createdBy: c.var.user.id })
        .returning({ id: connectors.id });
      const id = defined(row).id;
      const sealed = await box.seal(body.accessToken, connectorSealContext(id));
      await tx.update(connectors).set({ secret: sealed }).where(eq(connectors.id, id));
      await enqueueConnectorSync(tx as never, id);
      return id;
    });
    await audit(db, c.var.user.id, 'connector.create', `connector:${id}`, { kind: body.kind });
    c.var.deps.wakeJobs?.();
    return c.json({ id }, 201);
  })
  .get('/:id', validate('param', z.object({ id: rowId })), responds(connectorStatus), async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    const [row] = await db.select(publicColumns).from(connectors).where(eq(connectors.id, id));
    if (!row) throw new AppError('not_found', `no connector ${id}`);
    const [next] = await selectRows<{ at: string | null }>(
      db,
      sql`select min(run_at) as at from jobs where status in ('queued', 'running')
          and (key = ${`connector-sync:${id}`} or key = 'schedule:connectors-hourly')`,
    );
    return c.json({ ...row, nextRunAt: row.revokedAt ? null : (next?.at ?? null) });
  })
  .post(
    '/:id/sync',
    validate('param', z.object({ id: rowId })),
    responds(connectorSyncQueued, 202),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid('param');
      const [row] = await db
        .select({ id: connectors.id })
        .from(connectors)
        .where(and(eq(connectors.id, id), isNull(connectors.revokedAt)));
      if (!row) throw new AppError('not_found', `no connected connector ${id}`);
      const job = await enqueueConnectorSync(db, id);
      await audit(db, c.var.user.id, 'connector.sync', `connector:${id}`);
      c.var.deps.wakeJobs?.();
      return c.json({ id, jobId: job.id }, 202);
    },
  )
  .delete('/:id', validate('param', z.object({ id: rowId })), responds(connectorRevoked), async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    const revokeAtSalesforce = await salesforceRevocation(c.var.deps, id);
    // Revoking forgets the credential at once; the leads it brought stay.
    const [row] = await db
      .update(connectors)
      .set({ secret: null, status: 'revoked', revokedAt: sql`now()` })
      .where(and(eq(connectors.id, id), isNull(connectors.revokedAt)))
      .returning(publicColumns);
    if (!row) throw new AppError('not_found', `no connected connector ${id}`);
    await audit(db, c.var.user.id, 'connector.revoke', `connector:${id}`);
    await revokeAtSalesforce?.();
    return c.json(row);
  });
