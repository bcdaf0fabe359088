import { connectors } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { connectorSealContext } from '../auth/seal-contexts';
import { secretBox } from '../auth/secrets';
import { defaultMappings, effectiveMapping, mappingBody, stageKeys } from '../connectors/mapping';
import { mappingChoices } from '../connectors/mapping-choices';
import type { AppDeps, AppEnv } from '../context';
import { AppError } from '../errors';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
import { connectorMapping, connectorMappingSaved } from '../schemas/connector-answers';

const idParam = z.object({ id: rowId });

async function loadConnector(deps: AppDeps, id: number) {
  const [row] = await deps.db
    .select({
      id: connectors.id,
      kind: connectors.kind,
      secret: connectors.secret,
      mapping: connectors.mapping,
    })
    .from(connectors)
    .where(eq(connectors.id, id));
  if (!row) throw new AppError('not_found', `no connector ${id}`);
  const token =
    row.kind === 'hubspot' && row.secret
      ? await secretBox(deps).open(row.secret, connectorSealContext(id))
      : null;
  return { ...row, token };
}

/**
 * How a connector's records become leads (admins): the effective mapping with the values the CRM
 * offers, and the admin's change, used from the next sync on.
 */
export const connectorMappingRoutes = new Hono<AppEnv>()
  .get('/:id/mapping', validate('param', idParam), responds(connectorMapping), async (c) => {
    const { id } = c.req.valid('param');
    const row = await loadConnector(c.var.deps, id);
    return c.json({
      id,
      kind: row.kind,
      mapping: effectiveMapping(row.kind, row.mapping),
      defaults: defaultMappings[row.kind] ?? null,
      choices: await mappingChoices(c.var.deps, row.kind, row.token),
    });
  })
  .put(
    '/:id/mapping',
    validate('param', idParam),
    validate('json', mappingBody),
    responds(connectorMappingSaved),
    async (c) => {
      const { id } = c.req.valid('param');
      const mapping = c.req.valid('json');
      const row = await loadConnector(c.var.deps, id);
      // Stages the account does not have would never match: refused while the account can say so.
      const choices = await mappingChoices(c.var.deps, row.kind, row.token);
      if (choices.from === 'account') {
        const known = new Set(choices.stages.map((s) => s.value));
        const details = stageKeys.flatMap((key) =>
          mapping.stages[key].flatMap((value, i) =>
            known.has(value)
              ? []
              : [
                  {
                    path: `stages.${key}.${i}`,
                    message: `"${value}" is not a stage of this ${row.kind} account`,
                  },
                ],
          ),
        );
        if (details.length) {
          const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
          throw new AppError('bad_request', `invalid json: ${summary}`, details);
        }
      }
      const before = effectiveMapping(row.kind, row.mapping);
      // Leads stored so far were mapped the old way: the next sync re-reads every record, not only changes.
      await c.var.deps.db.update(connectors).set({ mapping, state: null }).where(eq(connectors.id, id));
      await audit(c.var.deps.db, c.var.user.id, 'connector.mapping', `connector:${id}`, {
        before,
        after: mapping,
      });
      return c.json({ id, kind: row.kind, mapping });
    },
  );
