import { type SQL, sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { type Database, selectRows } from '../client';
import { salesReadyRule } from '../sales-ready-rule';
import { sourceIdsForNames } from '../sources/resolve-sources';
import { sourceKey } from '../sources/source-key';

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
  /**
   * Ids earlier batches of the same import wrote, to flag a later row with the same id. A chunked
   * import, whose earlier chunks another instance may have written, asks the database for every id.
   */
  seenIds?: Pick<SeenIds, 'add' | 'mayHave'>;
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

type Column = {
  /** The LeadWrite key the value comes from (`source` is a name, written as `source_id`). */
  key: keyof LeadWrite;
  name: string;
  type: string;
  encode: (value: unknown) => string | null;
};

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const stamp = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const bool = (value: unknown) => (value === null || value === undefined ? null : value ? 't' : 'f');

// The leads columns a write can fill; a row's signature is the set of them it carries (a bit each).
const columns: Column[] = [
  { key: 'createdAt', name: 'created_at', type: 'timestamptz', encode: stamp },
  { key: 'source', name: 'source_id', type: 'int4', encode: text },
  { key: 'campaign', name: 'campaign', type: 'text', encode: text },
  { key: 'company', name: 'company', type: 'text', encode: text },
  { key: 'segment', name: 'segment', type: 'text', encode: text },
  { key: 'country', name: 'country', type: 'text', encode: text },
  { key: 'owner', name: 'owner', type: 'text', encode: text },
  { key: 'mqlAt', name: 'mql_at', type: 'timestamptz', encode: stamp },
  { key: 'crmSalesReadyAt', name: 'crm_sales_ready_at', type: 'timestamptz', encode: stamp },
  { key: 'acceptedAt', name: 'accepted_at', type: 'timestamptz', encode: stamp },
  { key: 'opportunityAt', name: 'opportunity_at', type: 'timestamptz', encode: stamp },
  { key: 'wonAt', name: 'won_at', type: 'timestamptz', encode: stamp },
  { key: 'lostAt', name: 'lost_at', type: 'timestamptz', encode: stamp },
  { key: 'amount', name: 'amount', type: 'numeric', encode: text },
  { key: 'budget', name: 'budget', type: 'bool', encode: bool },
  { key: 'authority', name: 'authority', type: 'bool', encode: bool },
  { key: 'need', name: 'need', type: 'bool', encode: bool },
  { key: 'timeframe', name: 'timeframe', type: 'bool', encode: bool },
  { key: 'score', name: 'score', type: 'int2', encode: text },
  { key: 'status', name: 'status', type: 'text', encode: text },
  { key: 'stage', name: 'stage', type: 'text', encode: text },
];

/** The source ids of the rows' source names the cache does not hold yet. */
function resolveSources(
  tx: Database,
  rows: WriteRow[],
  cache: Map<string, number>,
): Promise<Map<string, number>> {
  const names: string[] = [];
  for (const { lead } of rows) {
    if (lead.source === undefined || lead.source === null) continue;
    if (!cache.has(sourceKey(lead.source))) names.push(lead.source);
  }
  return sourceIdsForNames(tx, names);
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

/** Splits rows so no statement touches one lead twice: the n-th row with an id goes in round n, in file order. */
function rounds(rows: WriteRow[]): WriteRow[][] {
  const seen = new Map<string, number>();
  const out: WriteRow[][] = [];
  for (const row of rows) {
    const n = seen.get(row.lead.externalId) ?? 0;
    seen.set(row.lead.externalId, n + 1);
    if (!out[n]) out[n] = [];
    out[n].push(row);
  }
  return out;
}

/** Groups rows that write the same set of columns (one statement per group; usually one). */
function bySignature(rows: WriteRow[]): { cols: Column[]; rows: WriteRow[] }[] {
  const groups = new Map<number, WriteRow[]>();
  for (const row of rows) {
    const lead = row.lead as unknown as Record<string, unknown>;
    let signature = 0;
    for (const [c, col] of columns.entries()) if (lead[col.key] !== undefined) signature |= 1 << c;
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  return [...groups].map(([signature, members]) => ({
    cols: columns.filter((_, c) => (signature & (1 << c)) !== 0),
    rows: members,
  }));
}

/** One column of a group as an array literal, encoded straight from the rows (no copy per row). */
function columnLiteral(
  rows: WriteRow[],
  col: Column,
  sourceIds: (key: string) => number | undefined,
): string {
  const values = rows.map((row): string | null => {
    const value = (row.lead as unknown as Record<string, unknown>)[col.key];
    if (col.key !== 'source') return col.encode(value);
    const name = value === null || value === undefined ? '' : String(value);
    const key = sourceKey(name);
    const id = key === '' ? undefined : sourceIds(key);
    return id === undefined ? null : String(id);
  });
  return arrayLiteral(values);
}

/**
 * The sales-ready rule (docs/decisions/0002) over the values a lead has once this write is applied, so
 * the effective time goes in with the same write: one write per lead, and the rollup triggers fold each
 * batch once. `value` gives a column's SQL for the written lead.
 */
function salesReadyOnWrite(value: (column: RuleColumn) => string): SQL {
  const bant = (['budget', 'authority', 'need', 'timeframe'] as const)
    .map((c) => `${value(c)}::int`)
    .join(' + ');
  return salesReadyRule(
    {
      crmSalesReadyAt: sql.raw(value('crm_sales_ready_at')),
      bantScore: sql.raw(`(${bant})`),
      mqlAt: sql.raw(value('mql_at')),
      createdAt: sql.raw(value('created_at')),
    },
    {
      useCrmSalesReady: sql`(select s.use_crm_sales_ready from settings s where s.id = 1)`,
      bantThreshold: sql`(select s.sales_ready_bant_threshold from settings s where s.id = 1)`,
    },
  );
}

// What an unwritten column of a new lead holds (the table's defaults), for the rule on insert.
const insertDefaults = {
  crm_sales_ready_at: 'null::timestamptz',
  mql_at: 'null::timestamptz',
  created_at: 'null::timestamptz',
  budget: 'false',
  authority: 'false',
  need: 'false',
  timeframe: 'false',
};
/** A column the sales-ready rule reads. */
type RuleColumn = keyof typeof insertDefaults;

type UpdateOutcome = { external_id: string; updated: boolean; found: boolean; repeated: boolean };

/**
 * Writes one group in one statement, the effective sales-ready time included. Upsert returns only
 * counts; update mode also names the rows whose id matches no lead and those this import wrote before.
 */
async function writeGroup(
  tx: Database,
  group: { cols: Column[]; rows: WriteRow[] },
  options: WriteOptions,
  sourceIds: (key: string) => number | undefined,
): Promise<{ inserted: number; updated: number; rows: UpdateOutcome[] }> {
  const { cols, rows } = group;
  const ids = arrayLiteral(rows.map((r) => r.lead.externalId));
  const arrays: SQL[] = [
    sql`${ids}::text[]`,
    ...cols.map((c) => sql`${columnLiteral(rows, c, sourceIds)}::${sql.raw(c.type)}[]`),
  ];
  const names = ['external_id', ...cols.map((c) => c.name)];
  const written = new Set(names);
  const input = sql`select * from unnest(${sql.join(arrays, sql`, `)}) as i(${sql.raw(names.join(', '))})`;
  const importId = sql`${options.importId}::int`;
  const list = (prefix: string) => sql.raw(cols.map((c) => `${prefix}${c.name}`).join(', '));
  const merged = (fresh: string) => (c: string) => (written.has(c) ? `${fresh}.${c}` : `l.${c}`);

  if (options.mode === 'update') {
    const changed = cols.length > 0 ? sql`(${list('l.')}) is distinct from (${list('x.')})` : sql`false`;
    const assignments = sql.raw(cols.map((c) => `${c.name} = x.${c.name}`).join(', '));
    const found = await selectRows<UpdateOutcome>(
      tx,
      sql`
      with x as (${input}),
      existing as (
        select l.id, l.external_id, l.import_id from leads l
        where l.origin_system = ${options.originSystem} and l.external_id = any(${ids}::text[])),
      up as (
        update leads l set ${assignments}, sales_ready_at = ${salesReadyOnWrite(merged('x'))},
          import_id = coalesce(${importId}, l.import_id), updated_at = now()
        from x where l.origin_system = ${options.originSystem} and l.external_id = x.external_id and ${changed}
        returning l.id, l.external_id)
      select x.external_id, up.id is not null as updated, e.id is not null as found,
        coalesce(e.import_id = ${importId}, false) as repeated
      from x left join existing e on e.external_id = x.external_id left join up on up.external_id = x.external_id`,
    );
    return { inserted: 0, updated: found.filter((r) => r.updated).length, rows: found };
  }

  const insertCols = sql.raw(names.join(', '));
  const assignments = sql.raw(cols.map((c) => `${c.name} = excluded.${c.name}`).join(', '));
  const changedExcluded =
    cols.length > 0 ? sql`(${list('l.')}) is distinct from (${list('excluded.')})` : sql`false`;
  const onInsert = salesReadyOnWrite((c) => (written.has(c) ? `x.${c}` : insertDefaults[c]));
  const [counts] = await selectRows<{ inserted: number; updated: number }>(
    tx,
    sql`
    with x as (${input}),
    up as (
      insert into leads as l (origin_system, import_id, ${insertCols}, sales_ready_at)
      select ${options.originSystem}, ${importId}, ${insertCols}, ${onInsert} from x
      on conflict (origin_system, external_id) do update
        set ${cols.length > 0 ? sql`${assignments}, ` : sql``}sales_ready_at = ${salesReadyOnWrite(merged('excluded'))},
          import_id = coalesce(excluded.import_id, l.import_id), updated_at = now()
        where ${changedExcluded}
      returning (l.xmax = 0) as inserted)
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated
    from up`,
  );
  return { inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0, rows: [] };
}

/**
 * Writes a batch of leads in one transaction: sources resolved (or created) by key, leads upserted
 * by (origin system, external id) — or, in update mode, only updated — each with its effective
 * sales-ready time, in one statement per round of ids. Only the fields a row carries are written.
 * `alsoInTransaction` runs in the same transaction (the import records its progress there), so a
 * batch is all or nothing.
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
    const sourceIds = (key: string) => cache.get(key) ?? created.get(key);
    const outcome: WriteResult = { inserted: 0, updated: 0, unchanged: 0, notFound: [], repeated: [] };
    const earlier = await writtenEarlier(tx, rows, options);
    for (const [round, members] of rounds(rows).entries()) {
      for (const group of bySignature(members)) {
        const written = await writeGroup(tx, group, options, sourceIds);
        if (options.mode === 'update') {
          const byId = new Map(written.rows.map((r) => [r.external_id, r]));
          for (const row of group.rows) {
            const r = byId.get(row.lead.externalId);
            if (round > 0 || r?.repeated || (round === 0 && earlier.has(row.lead.externalId))) {
              outcome.repeated.push(row);
            }
            if (r?.updated) outcome.updated++;
            else if (!r?.found) outcome.notFound.push(row);
            else outcome.unchanged++;
          }
        } else {
          for (const row of group.rows) {
            if (round > 0 || (round === 0 && earlier.has(row.lead.externalId))) outcome.repeated.push(row);
          }
          outcome.inserted += written.inserted;
          outcome.updated += written.updated;
          outcome.unchanged += group.rows.length - written.inserted - written.updated;
        }
      }
    }
    await alsoInTransaction?.(tx, outcome);
    return outcome;
  });
  for (const [key, id] of created) if (cache.size < 10_000) cache.set(key, id);
  if (options.seenIds) for (const { lead } of rows) options.seenIds.add(lead.externalId);
  return result;
}
