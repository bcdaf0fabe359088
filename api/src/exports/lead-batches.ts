import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import type { MetricFilter } from '@salesready/db/queries/filter';
import {
  type LeadListOptions,
  type LeadListRow,
  type LeadSort,
  leadListColumns,
  leadListConditions,
  leadListFrom,
} from '@salesready/db/queries/leads/list-leads';
import { type SQL, sql } from 'drizzle-orm';

export type LeadExportOptions = Omit<LeadListOptions, 'page' | 'pageSize'>;

/** Sort keys a keyset can follow: lead columns, with the cast their text form goes back through. */
const keysetColumns: Partial<Record<LeadSort, { expr: SQL; cast: SQL }>> = {
  createdAt: { expr: sql`l.created_at`, cast: sql`timestamptz` },
  salesReadyAt: { expr: sql`l.sales_ready_at`, cast: sql`timestamptz` },
  amount: { expr: sql`l.amount`, cast: sql`numeric` },
  bantScore: { expr: sql`l.bant_score`, cast: sql`int` },
  company: { expr: sql`l.company`, cast: sql`text` },
};

/**
 * The order an export can follow: the list's own, except by last touch, which is a per-lead
 * aggregate no index keeps (a keyset over it would rescan every lead per batch): created, newest first.
 */
export function exportSort(options: Pick<LeadExportOptions, 'sort' | 'descending'>): {
  sort: LeadSort;
  descending: boolean;
} {
  return keysetColumns[options.sort] ? options : { sort: 'createdAt', descending: true };
}

export async function countExportLeads(
  db: Database,
  filter: MetricFilter,
  options: LeadExportOptions,
): Promise<number> {
  const where = leadListConditions(filter, options);
  const [row] = await selectRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from leads l where ${where}`,
  );
  return row?.total ?? 0;
}

type KeyedRow = LeadListRow & { sortKey: string | null };

/**
 * Every lead of the list in its order (sort value, nulls last, then id), the rows of `listLeads`, read in
 * keyset batches: each starts after the previous one's last row, so a batch costs the same at row 1 and at
 * row 1,000,000, no transaction stays open between batches and only one batch is in memory.
 */
export async function* leadExportBatches(
  db: Database,
  filter: MetricFilter,
  options: LeadExportOptions,
  batchSize = 2000,
): AsyncGenerator<LeadListRow[]> {
  const { sort, descending } = exportSort(options);
  const { expr, cast } = defined(keysetColumns[sort]);
  const base = leadListConditions(filter, options);
  const before = descending ? sql`<` : sql`>`;
  const direction = descending ? sql`desc` : sql`asc`;
  let last: { key: string | null; id: number } | null = null;
  let nulls = false;
  for (;;) {
    const conditions = [base];
    if (!nulls) {
      conditions.push(sql`${expr} is not null`);
      if (last) {
        const key = sql`${last.key}::${cast}`;
        conditions.push(sql`${expr} ${before}= ${key} and (${expr} ${before} ${key} or l.id > ${last.id})`);
      }
    } else {
      conditions.push(sql`${expr} is null`);
      if (last) conditions.push(sql`l.id > ${last.id}`);
    }
    const rows = await selectRows<KeyedRow>(
      db,
      sql`
      select ${leadListColumns}, (${expr})::text as "sortKey"
      ${leadListFrom}
      where ${sql.join(conditions, sql` and `)}
      order by ${nulls ? sql`l.id` : sql`${expr} ${direction}, l.id`}
      limit ${batchSize}`,
    );
    if (rows.length) {
      const end = defined(rows[rows.length - 1]);
      last = { key: end.sortKey, id: end.id };
      yield rows.map(({ sortKey: _key, ...row }) => row);
    }
    if (rows.length < batchSize) {
      if (nulls) return;
      // On to the leads without a sort value, which the list puts last.
      nulls = true;
      last = null;
    }
  }
}
