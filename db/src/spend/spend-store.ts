import { sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { type Database, selectRows } from '../client';
import { sourceKey } from '../sources/source-key';
import type { SpendLine } from './read-spend-csv';

/** Where a month's amount came from: the demo, a spend file, the settings grid, the ingestion API. */
export type SpendOrigin = 'demo' | 'file' | 'grid' | 'api';

/** A month's spend for a source; `amount: null` clears the month. */
export interface SpendEntry {
  sourceId: number;
  /** First day of the month, `YYYY-MM-01`. */
  month: string;
  amount: number | null;
}

export interface SpendChange {
  sourceId: number;
  source: string;
  month: string;
  before: number | null;
  after: number | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** A file's lines summed per source and month: what each month of the file says was spent in all. */
export function monthTotals(
  lines: readonly SpendLine[],
): { source: string; month: string; amount: number }[] {
  const totals = new Map<string, { source: string; month: string; amount: number }>();
  for (const line of lines) {
    const key = `${sourceKey(line.source)}|${line.month}`;
    const entry = totals.get(key);
    if (entry) entry.amount += line.amount;
    else totals.set(key, { source: line.source, month: line.month, amount: line.amount });
  }
  return [...totals.values()].map((t) => ({ ...t, amount: Math.round(t.amount * 100) / 100 }));
}

/**
 * Sets each entry's month to its amount (a month holds the whole month's spend, so writing the same
 * file twice changes nothing) or clears it, in one transaction, and says what changed. `dryRun`
 * answers the same without writing.
 */
export async function setSpend(
  db: Database,
  entries: readonly SpendEntry[],
  origin: SpendOrigin,
  options: { dryRun?: boolean } = {},
): Promise<SpendChange[]> {
  if (entries.length === 0) return [];
  const ids = entries.map((e) => String(e.sourceId));
  const months = entries.map((e) => e.month);
  const amounts = entries.map((e) => (e.amount === null ? null : String(e.amount)));
  const run = async (tx: Database) => {
    const before = await selectRows<{
      sourceId: number;
      source: string;
      month: string;
      before: number | string | null;
    }>(
      tx,
      sql`select e.source_id as "sourceId", s.name as source, to_char(e.month, 'YYYY-MM-DD') as month,
                 sp.amount as before
          from unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(months)}::date[]) as e(source_id, month)
          join sources s on s.id = e.source_id
          left join spend sp on sp.source_id = e.source_id and sp.month = e.month`,
    );
    if (!options.dryRun) {
      await tx.execute(sql`
        insert into spend (source_id, month, amount, origin)
        select source_id, month, amount, ${origin}
        from unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(months)}::date[], ${arrayLiteral(amounts)}::numeric[])
          as e(source_id, month, amount)
        where amount is not null
        on conflict (source_id, month) do update set amount = excluded.amount, origin = excluded.origin
        where spend.amount is distinct from excluded.amount`);
      await tx.execute(sql`
        delete from spend sp
        using unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(months)}::date[], ${arrayLiteral(amounts)}::numeric[])
          as e(source_id, month, amount)
        where e.amount is null and sp.source_id = e.source_id and sp.month = e.month`);
    }
    const after = new Map(entries.map((e) => [`${e.sourceId}|${e.month}`, e.amount]));
    return before
      .map((r) => ({
        sourceId: Number(r.sourceId),
        source: r.source,
        month: r.month,
        before: num(r.before),
        after: after.get(`${r.sourceId}|${r.month}`) ?? null,
      }))
      .filter((c) => c.before !== c.after)
      .sort((a, b) => a.month.localeCompare(b.month) || a.source.localeCompare(b.source));
  };
  return options.dryRun ? run(db) : db.transaction((tx) => run(tx as unknown as Database));
}

export interface SpendGridRow {
  sourceId: number;
  source: string;
  category: string;
  /** Month (`YYYY-MM-01`) → amount, for the months that have one. */
  amounts: Record<string, number>;
  total: number;
}

/** Every source with its spend per month from `from` to `to` (first days of months, inclusive). */
export async function spendGrid(db: Database, from: string, to: string): Promise<SpendGridRow[]> {
  const rows = await selectRows<{
    sourceId: number;
    source: string;
    category: string;
    amounts: Record<string, number | string> | null;
    total: number | string | null;
  }>(
    db,
    sql`select s.id as "sourceId", s.name as source, s.category,
               jsonb_object_agg(to_char(sp.month, 'YYYY-MM-DD'), sp.amount) filter (where sp.month is not null) as amounts,
               sum(sp.amount) as total
        from sources s
        left join spend sp on sp.source_id = s.id and sp.month between ${from}::date and ${to}::date
        group by s.id, s.name, s.category
        order by sum(sp.amount) desc nulls last, s.name`,
  );
  return rows.map((r) => ({
    sourceId: Number(r.sourceId),
    source: r.source,
    category: r.category,
    amounts: Object.fromEntries(Object.entries(r.amounts ?? {}).map(([m, a]) => [m, Number(a)])),
    total: Number(r.total ?? 0),
  }));
}
