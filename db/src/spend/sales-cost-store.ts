import { sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { type Database, selectRows } from '../client';

/** Who wrote a month's sales cost: the demo, the settings grid or the ingestion API. */
export type SalesCostOrigin = 'demo' | 'grid' | 'api';

/** A month's sales cost (`month` the first day, `YYYY-MM-01`); `amount: null` clears the month. */
export interface SalesCostEntry {
  month: string;
  amount: number | null;
}

/** What a write did to one month: its amount before and after. */
export interface SalesCostChange {
  month: string;
  before: number | null;
  after: number | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * Sets the sales cost of each month the entries name (null clears it), in one transaction; says which
 * months changed, so writing the same months twice reports nothing the second time.
 */
export async function setSalesCost(
  db: Database,
  entries: readonly SalesCostEntry[],
  origin: SalesCostOrigin,
): Promise<SalesCostChange[]> {
  if (entries.length === 0) return [];
  const months = new Set<string>();
  for (const e of entries) {
    if (months.has(e.month)) throw new Error(`sales cost names the month ${e.month} twice`);
    months.add(e.month);
  }
  const given = sql`unnest(${arrayLiteral(entries.map((e) => e.month))}::date[],
    ${arrayLiteral(entries.map((e) => (e.amount === null ? null : String(e.amount))))}::numeric[]) as e(month, amount)`;
  return db.transaction(async (tx) => {
    const rows = await selectRows<{
      month: string;
      before: number | string | null;
      after: number | string | null;
    }>(
      tx as unknown as Database,
      sql`select to_char(e.month, 'YYYY-MM-DD') as month, sc.amount as before, round(e.amount, 2) as after
          from ${given} left join sales_cost sc on sc.month = e.month
          where sc.amount is distinct from round(e.amount, 2)
          order by e.month`,
    );
    await tx.execute(
      sql`delete from sales_cost sc using ${given} where sc.month = e.month and e.amount is null`,
    );
    await tx.execute(sql`
      insert into sales_cost (month, amount, origin)
      select month, amount, ${origin} from ${given} where amount is not null
      on conflict (month) do update set amount = excluded.amount, origin = excluded.origin
      where sales_cost.amount is distinct from excluded.amount`);
    return rows.map((r) => ({ month: r.month, before: num(r.before), after: num(r.after) }));
  });
}

/** The sales cost of each month from `from` to `to` (first days of months, inclusive) that has one. */
export async function salesCostMonths(
  db: Database,
  from: string,
  to: string,
): Promise<Record<string, number>> {
  const rows = await selectRows<{ month: string; amount: number | string }>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, amount from sales_cost
        where month between ${from}::date and ${to}::date order by month`,
  );
  return Object.fromEntries(rows.map((r) => [r.month, Number(r.amount)]));
}
