import { connectors } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import {
  type ConnectorMapping,
  defaultMappings,
  effectiveMapping,
  mappingBody,
  stageKeys,
} from '../connectors/mapping';
import { type AccountChoices, mappingChoices } from '../connectors/mapping-choices';
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
      status: connectors.status,
      secret: connectors.secret,
      settings: connectors.settings,
      mapping: connectors.mapping,
    })
    .from(connectors)
    .where(eq(connectors.id, id));
  if (!row) throw new AppError('not_found', `no connector ${id}`);
  return row;
}

/** What the account says a mapping may not name: a stage it does not offer, a source field it lacks. */
function unknownValues(kind: string, mapping: ConnectorMapping, read: AccountChoices) {
  const salesforce = kind === 'salesforce';
  const details: { path: string; message: string }[] = [];
  if (read.fields && !read.fields.has(mapping.source)) {
    details.push({
      path: 'source',
      message: salesforce
        ? `"${mapping.source}" is not a Lead field of this Salesforce org`
        : `"${mapping.source}" is not a contact property of this HubSpot account`,
    });
  }
  if (read.choices.from !== 'account') return details;
  const known = new Set(read.choices.stages.map((s) => s.value));
  for (const key of stageKeys) {
    for (const [i, value] of mapping.stages[key].entries()) {
      if (known.has(value)) continue;
      details.push({
        path: `stages.${key}.${i}`,
        message: salesforce
          ? `"${value}" is not an active Lead status of this Salesforce org`
          : `"${value}" is not a stage of this ${kind} account`,
      });
    }
  }
  return details;
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
      choices: (await mappingChoices(c.var.deps, row)).choices,
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
      // Values the account does not have would never match (a source field it lacks would fail every
      // sync): refused while the account can say so.
      const details = unknownValues(row.kind, mapping, await mappingChoices(c.var.deps, row));
      if (details.length) {
        const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
        throw new AppError('bad_request', `invalid json: ${summary}`, details);
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
