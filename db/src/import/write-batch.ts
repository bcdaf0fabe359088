import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { applySalesReadyRule } from '../sales-ready-rule';
import type { LeadWrite } from './lead-fields';
import type { SeenIds } from './seen-ids';

export type WriteMode = 'upsert' | 'update';

export interface WriteRow {
  /** The file line (or the API item's index) the lead came from, for reports. */
  line: number;
  lead: LeadWrite;
}

export interface WriteOptions {
  originSystem: string;
  mode: WriteMode;
  /** The import writing these leads (recorded on each lead it changes), or null for the API. */
  importId: number | null;
  /** Source key → id, kept by the caller across batches. */
  sourceCache?: Map<string, number>;
  /** Ids earlier batches of the same import wrote, to flag a later row with the same id. */
  seenIds?: SeenIds;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  /** Leads found whose stored values already equal the row's. */
  unchanged: number;
  /** Update mode: rows whose id matches no lead (nothing is inserted for them). */
  notFound: WriteRow[];
  /** Rows whose id an earlier row of the same import (or request) also had: the later row wins. */
  repeated: WriteRow[];
}

type Column = { name: string; type: string; encode: (value: unknown) => string | null };

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const stamp = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const bool = (value: unknown) => (value === null || value === undefined ? null : value ? 't' : 'f');

// LeadWrite key → leads column. `source` is resolved to `sourceId` before writing.
const columns: Record<string, Column> = {
  createdAt: { name: 'created_at', type: 'timestamptz', encode: stamp },
  sourceId: { name: 'source_id', type: 'int4', encode: text },
  campaign: { name: 'campaign', type: 'text', encode: text },
  company: { name: 'company', type: 'text', encode: text },
  segment: { name: 'segment', type: 'text', encode: text },
  country: { name: 'country', type: 'text', encode: text },
  owner: { name: 'owner', type: 'text', encode: text },
  mqlAt: { name: 'mql_at', type: 'timestamptz', encode: stamp },
  crmSalesReadyAt: { name: 'crm_sales_ready_at', type: 'timestamptz', encode: stamp },
  acceptedAt: { name: 'accepted_at', type: 'timestamptz', encode: stamp },
  opportunityAt: { name: 'opportunity_at', type: 'timestamptz', encode: stamp },
  wonAt: { name: 'won_at', type: 'timestamptz', encode: stamp },
  lostAt: { name: 'lost_at', type: 'timestamptz', encode: stamp },
  amount: { name: 'amount', type: 'numeric', encode: text },
  budget: { name: 'budget', type: 'bool', encode: bool },
  authority: { name: 'authority', type: 'bool', encode: bool },
  need: { name: 'need', type: 'bool', encode: bool },
  timeframe: { name: 'timeframe', type: 'bool', encode: bool },
  score: { name: 'score', type: 'int2', encode: text },
  status: { name: 'status', type: 'text', encode: text },
  stage: { name: 'stage', type: 'text', encode: text },
};

/**
 * A PostgreSQL array literal: the whole column travels as one bound parameter and `unnest` turns
 * the arrays back into rows, so a 5,000-row batch is one short statement on every driver.
 */
export function arrayLiteral(values: (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

export function sourceKey(name: string): string {
  return name.trim().toLowerCase();
}

async function resolveSources(
  tx: Database,
  rows: WriteRow[],
  cache: Map<string, number>,
): Promise<Map<string, number>> {
  const wanted = new Map<string, string>();
  for (const { lead } of rows) {
    if (lead.source === undefined || lead.source === null) continue;
    const name = lead.source.trim();
    const key = sourceKey(name);
    if (key !== '' && !cache.has(key) && !wanted.has(key)) wanted.set(key, name);
  }
  const resolved = new Map<string, number>();
  if (wanted.size === 0) return resolved;
  const keys = [...wanted.keys()];
  // Unknown names become sources of category 'other', to be recategorised in the settings.
  await tx.execute(sql`
    insert into sources (name, key, category)
    select n, k, 'other' from unnest(${arrayLiteral([...wanted.values()])}::text[], ${arrayLiteral(keys)}::text[]) as s(n, k)
    on conflict (key) do nothing`);
  const found = await selectRows<{ id: number; key: string }>(
    tx,
    sql`select id, key from sources where key = any(${arrayLiteral(keys)}::text[])`,
  );
  for (const row of found) resolved.set(row.key, Number(row.id));
  return resolved;
}

/** Of the rows the filter flags, those whose lead this same import already wrote. */
async function writtenEarlier(tx: Database, rows: WriteRow[], options: WriteOptions): Promise<Set<string>> {
  const seen = options.seenIds;
  if (!seen || options.importId === null) return new Set();
  const candidates = [...new Set(rows.map((r) => r.lead.externalId).filter((id) => seen.mayHave(id)))];
  if (candidates.length === 0) return new Set();
  const found = await selectRows<{ external_id: string }>(
    tx,
    sql`select external_id from leads where origin_system = ${options.originSystem}
      and import_id = ${options.importId} and external_id = any(${arrayLiteral(candidates)}::text[])`,
  );
  return new Set(found.map((r) => r.external_id));
}

/** A new lead with no BANT box ticked and no CRM sales-ready time cannot be sales-ready under any rule setting. */
function mayBeSalesReady(lead: LeadWrite): boolean {
  return Boolean(lead.budget || lead.authority || lead.need || lead.timeframe || lead.crmSalesReadyAt);
}

type Prepared = { row: WriteRow; values: Record<string, unknown> };

function prepare(rows: WriteRow[], sourceIds: (key: string) => number | undefined): Prepared[] {
  return rows.map((row) => {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row.lead)) {
      if (key === 'externalId' || value === undefined) continue;
      if (key === 'source') {
        values.sourceId =
          value === null || String(value).trim() === '' ? null : sourceIds(sourceKey(String(value)));
      } else values[key] = value;
    }
    return { row, values };
  });
}

/** Splits rows so no statement touches one lead twice: the n-th row with an id goes in round n, in file order. */
function rounds(rows: Prepared[]): Prepared[][] {
  const seen = new Map<string, number>();
  const out: Prepared[][] = [];
  for (const p of rows) {
    const n = seen.get(p.row.lead.externalId) ?? 0;
    seen.set(p.row.lead.externalId, n + 1);
    if (!out[n]) out[n] = [];
    out[n].push(p);
  }
  return out;
}

/** Groups rows that write the same set of columns (one statement per group; usually one). */
function bySignature(rows: Prepared[]): Prepared[][] {
  const groups = new Map<string, Prepared[]>();
  for (const p of rows) {
    const signature = Object.keys(p.values).sort().join(',');
    const group = groups.get(signature);
    if (group) group.push(p);
    else groups.set(signature, [p]);
  }
  return [...groups.values()];
}

type Outcome = {
  external_id: string;
  id: number | null;
  inserted: boolean | null;
  existing_id?: number | null;
  repeated: boolean;
};

async function writeGroup(tx: Database, group: Prepared[], options: WriteOptions): Promise<Outcome[]> {
  const keys = Object.keys(group[0]!.values).sort();
  const cols = keys.map((k) => columns[k]!);
  const ids = arrayLiteral(group.map((p) => p.row.lead.externalId));
  const arrays: SQL[] = [
    sql`${ids}::text[]`,
    ...keys.map(
      (k, i) =>
        sql`${arrayLiteral(group.map((p) => cols[i]!.encode(p.values[k])))}::${sql.raw(cols[i]!.type)}[]`,
    ),
  ];
  const names = ['external_id', ...cols.map((c) => c.name)];
  const input = sql`select * from unnest(${sql.join(arrays, sql`, `)}) as i(${sql.raw(names.join(', '))})`;
  const importId = sql`${options.importId}::int`;
  const list = (prefix: string) => sql.raw(cols.map((c) => `${prefix}${c.name}`).join(', '));
  const changed = cols.length > 0 ? sql`(${list('l.')}) is distinct from (${list('x.')})` : sql`false`;

  if (options.mode === 'update') {
    const assignments = sql.raw(cols.map((c) => `${c.name} = x.${c.name}`).join(', '));
    return selectRows<Outcome>(
      tx,
      sql`
      with x as (${input}),
      existing as (
        select l.id, l.external_id, l.import_id from leads l
        where l.origin_system = ${options.originSystem} and l.external_id = any(${ids}::text[])),
      up as (
        update leads l set ${assignments}, import_id = coalesce(${importId}, l.import_id), updated_at = now()
        from x where l.origin_system = ${options.originSystem} and l.external_id = x.external_id and ${changed}
        returning l.id, l.external_id)
      select x.external_id, up.id, false as inserted, e.id as existing_id,
        coalesce(e.import_id = ${importId}, false) as repeated
      from x left join existing e on e.external_id = x.external_id left join up on up.external_id = x.external_id`,
    );
  }

  const insertCols = sql.raw(names.join(', '));
  const assignments = sql.raw(cols.map((c) => `${c.name} = excluded.${c.name}`).join(', '));
  const changedExcluded =
    cols.length > 0 ? sql`(${list('l.')}) is distinct from (${list('excluded.')})` : sql`false`;
  return selectRows<Outcome>(
    tx,
    sql`
    with x as (${input}),
    up as (
      insert into leads as l (origin_system, import_id, ${insertCols})
      select ${options.originSystem}, ${importId}, ${insertCols} from x
      on conflict (origin_system, external_id) do update
        set ${cols.length > 0 ? sql`${assignments}, ` : sql``}import_id = coalesce(excluded.import_id, l.import_id), updated_at = now()
        where ${changedExcluded}
      returning l.id, l.external_id, (l.xmax = 0) as inserted)
    select x.external_id, up.id, up.inserted, false as repeated
    from x left join up on up.external_id = x.external_id`,
  );
}

/**
 * Writes a batch of leads in one transaction: sources resolved (or created) by key, leads upserted
 * by (origin system, external id) — or, in update mode, only updated — then the sales-ready rule
 * applied to the leads that changed. Only the fields a row carries are written. `alsoInTransaction`
 * runs in the same transaction (the import records its progress there), so a batch is all or nothing.
 */
export async function writeBatch(
  db: Database,
  rows: WriteRow[],
  options: WriteOptions,
  alsoInTransaction?: (tx: Database, result: WriteResult) => Promise<void>,
): Promise<WriteResult> {
  const cache = options.sourceCache ?? new Map<string, number>();
  let created = new Map<string, number>();
  const result = await db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    created = await resolveSources(tx, rows, cache);
    const prepared = prepare(rows, (key) => cache.get(key) ?? created.get(key));
    const outcome: WriteResult = { inserted: 0, updated: 0, unchanged: 0, notFound: [], repeated: [] };
    const earlier = await writtenEarlier(tx, rows, options);
    const changedIds: number[] = [];
    for (const [round, members] of rounds(prepared).entries()) {
      for (const group of bySignature(members)) {
        const results = await writeGroup(tx, group, options);
        const byId = new Map(results.map((r) => [r.external_id, r]));
        for (const p of group) {
          const r = byId.get(p.row.lead.externalId);
          if (round > 0 || r?.repeated || (round === 0 && earlier.has(p.row.lead.externalId))) {
            outcome.repeated.push(p.row);
          }
          if (r?.id !== null && r?.id !== undefined) {
            if (!r.inserted || mayBeSalesReady(p.row.lead)) changedIds.push(Number(r.id));
            if (r.inserted) outcome.inserted++;
            else outcome.updated++;
          } else if (options.mode === 'update' && (r?.existing_id === null || r?.existing_id === undefined)) {
            outcome.notFound.push(p.row);
          } else outcome.unchanged++;
        }
      }
    }
    if (changedIds.length > 0) await applySalesReadyRule(tx, changedIds);
    await alsoInTransaction?.(tx, outcome);
    return outcome;
  });
  for (const [key, id] of created) if (cache.size < 10_000) cache.set(key, id);
  if (options.seenIds) for (const { lead } of rows) options.seenIds.add(lead.externalId);
  return result;
}
