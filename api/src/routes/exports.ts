import type { Database } from '@salesready/db/client';
import { metricViews } from '@salesready/db/queries/stages';
import { readSettings } from '@salesready/db/settings';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { type ExportFormat, exportResponse } from '../exports/respond';
import type { ExportTable } from '../exports/table';
import { attributionTable, marketingTable } from '../exports/tables/attribution';
import { cohortsTable } from '../exports/tables/cohorts';
import type { ExportContext } from '../exports/tables/common';
import { funnelTable } from '../exports/tables/funnel';
import { leadsTable } from '../exports/tables/leads';
import { pacingTable } from '../exports/tables/pacing';
import { sourcesTable } from '../exports/tables/sources';
import { neglectedTable, stalledTable } from '../exports/tables/waiting';
import { metricsQuery } from '../figures/period-query';
import { leadListOptions, leadListShape } from '../lead-list-query';
import { validate } from '../middleware/validate';
import { dateParam } from '../params';

// Each export takes its table endpoint's parameters, plus `about=omit` to leave out the About block
// of a CSV (scripts that want the bare table). Paging parameters are accepted and ignored: an
// export has every row.
const about = { about: z.enum(['include', 'omit']).default('include') };
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
};

const plainQuery = metricsQuery(about);
const viewQuery = metricsQuery({ view: z.enum(metricViews).default('cohort'), ...about });
const cohortQuery = metricsQuery({ grain: z.enum(['quarter', 'month']).default('quarter'), ...about });
const pacingQuery = metricsQuery({
  asOf: dateParam.optional(),
  ...about,
});
const waitingQuery = metricsQuery({ ...paging, ...about });
const leadQuery = metricsQuery({
  ...leadListShape,
  ...paging,
  ...about,
});

/** The query string as sent, less `about`: written in the file so the figures can be reproduced. */
function sentQuery(c: Context<AppEnv>): string {
  const params = new URL(c.req.url).searchParams;
  params.delete('about');
  return params.toString();
}

async function send(
  c: Context<AppEnv>,
  format: ExportFormat,
  build: (db: Database, ctx: ExportContext) => Promise<ExportTable>,
): Promise<Response> {
  const { db } = c.var.deps;
  const settings = await readSettings(db);
  const ctx: ExportContext = { generatedAt: new Date(), query: sentQuery(c), currency: settings.currency };
  const table = await build(db, ctx);
  await audit(db, c.var.user.id, 'export', `${table.name}.${format}`, { query: ctx.query });
  return exportResponse(c, table, format, c.req.query('about') !== 'omit');
}

/** CSV and XLSX of every table (docs/decisions/0004-export-format.md). Every signed-in role may export. */
export const exportRoutes = new Hono<AppEnv>()
  .get('/sources.csv', validate('query', viewQuery), (c) =>
    send(c, 'csv', (db, ctx) => sourcesTable(db, c.req.valid('query'), ctx)),
  )
  .get('/sources.xlsx', validate('query', viewQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => sourcesTable(db, c.req.valid('query'), ctx)),
  )
  .get('/funnel.csv', validate('query', viewQuery), (c) =>
    send(c, 'csv', (db, ctx) => funnelTable(db, c.req.valid('query'), ctx)),
  )
  .get('/funnel.xlsx', validate('query', viewQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => funnelTable(db, c.req.valid('query'), ctx)),
  )
  .get('/cohorts.csv', validate('query', cohortQuery), (c) =>
    send(c, 'csv', (db, ctx) => cohortsTable(db, c.req.valid('query'), ctx)),
  )
  .get('/cohorts.xlsx', validate('query', cohortQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => cohortsTable(db, c.req.valid('query'), ctx)),
  )
  .get('/attribution.csv', validate('query', plainQuery), (c) =>
    send(c, 'csv', (db, ctx) => attributionTable(db, c.req.valid('query'), ctx)),
  )
  .get('/attribution.xlsx', validate('query', plainQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => attributionTable(db, c.req.valid('query'), ctx)),
  )
  .get('/marketing.csv', validate('query', plainQuery), (c) =>
    send(c, 'csv', (db, ctx) => marketingTable(db, c.req.valid('query'), ctx)),
  )
  .get('/marketing.xlsx', validate('query', plainQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => marketingTable(db, c.req.valid('query'), ctx)),
  )
  .get('/pacing.csv', validate('query', pacingQuery), (c) =>
    send(c, 'csv', (db, ctx) => pacingTable(db, c.req.valid('query'), ctx)),
  )
  .get('/pacing.xlsx', validate('query', pacingQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => pacingTable(db, c.req.valid('query'), ctx)),
  )
  .get('/neglected-leads.csv', validate('query', waitingQuery), (c) =>
    send(c, 'csv', (db, ctx) => neglectedTable(db, c.req.valid('query'), ctx)),
  )
  .get('/neglected-leads.xlsx', validate('query', waitingQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => neglectedTable(db, c.req.valid('query'), ctx)),
  )
  .get('/stalled-leads.csv', validate('query', waitingQuery), (c) =>
    send(c, 'csv', (db, ctx) => stalledTable(db, c.req.valid('query'), ctx)),
  )
  .get('/stalled-leads.xlsx', validate('query', waitingQuery), (c) =>
    send(c, 'xlsx', (db, ctx) => stalledTable(db, c.req.valid('query'), ctx)),
  )
  .get('/leads.csv', validate('query', leadQuery), (c) =>
    send(c, 'csv', (db, ctx) =>
      leadsTable(db, c.req.valid('query'), leadListOptions(c.req.valid('query')), ctx),
    ),
  )
  .get('/leads.xlsx', validate('query', leadQuery), (c) =>
    send(c, 'xlsx', (db, ctx) =>
      leadsTable(db, c.req.valid('query'), leadListOptions(c.req.valid('query')), ctx),
    ),
  );
