import { sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';
import { sourceKey } from '../sources/source-key';
import type { SpendLine } from './read-spend-csv';

/** Where a month's amount came from: the demo, a spend file, the settings grid, the ingestion API. */
export type SpendOrigin = 'demo' | 'file' | 'grid' | 'api';

/**
 * A month's spend for a source, or for one of its campaigns. `amount: null` clears; `campaign` '' (or
 * omitted) is spend not split by campaign.
 */
export interface SpendEntry {
  sourceId: number;
  /** First day of the month, `YYYY-MM-01`. */
  month: string;
  amount: number | null;
  campaign?: string;
}

/** What a write did to one source's month: its total before and after. */
export interface SpendChange {
  sourceId: number;
  source: string;
  month: string;
  before: number | null;
  after: number | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));
const cents = (amount: number) => Math.round(amount * 100);

/** A file's lines summed per source, campaign and month: what each month of the file says was spent. */
export function monthTotals(
  lines: readonly SpendLine[],
): { source: string; campaign: string; month: string; amount: number }[] {
  const totals = new Map<string, { source: string; campaign: string; month: string; amount: number }>();
  for (const line of lines) {
    const key = `${sourceKey(line.source)}|${line.campaign}|${line.month}`;
    const entry = totals.get(key);
    if (entry) entry.amount += line.amount;
    else totals.set(key, { ...line, amount: line.amount });
  }
  return [...totals.values()].map(({ source, campaign, month, amount }) => ({
    source,
    campaign,
    month,
    amount: Math.round(amount * 100) / 100,
  }));
}

/**
 * Sets the whole spend of each source and month named: the month's rows become exactly its entries, so
 * writing a file twice changes nothing and a total from the grid replaces a split. One transaction; says
 * which months changed (totals, or split). `dryRun` answers the same without writing.
 */
export async function setSpend(
  db: Database,
  entries: readonly SpendEntry[],
  origin: SpendOrigin,
  options: { dryRun?: boolean } = {},
): Promise<SpendChange[]> {
  if (entries.length === 0) return [];
  const monthKey = (e: { sourceId: number | string; month: string }) => `${e.sourceId}|${e.month}`;
  const after = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const split = after.get(monthKey(e)) ?? new Map<string, number>();
    after.set(monthKey(e), split);
    const campaign = e.campaign ?? '';
    if (split.has(campaign)) throw new Error(`spend for ${monthKey(e)} names campaign "${campaign}" twice`);
    if (e.amount !== null) split.set(campaign, e.amount);
  }
  const ids = entries.map((e) => String(e.sourceId));
  const months = entries.map((e) => e.month);
  const campaigns = entries.map((e) => e.campaign ?? '');
  const amounts = entries.map((e) => (e.amount === null ? null : String(e.amount)));
  const given = sql`unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(months)}::date[],
    ${arrayLiteral(campaigns)}::text[], ${arrayLiteral(amounts)}::numeric[]) as e(source_id, month, campaign, amount)`;
  const run = async (tx: Database) => {
    const before = await selectRows<{
      sourceId: number;
      source: string;
      month: string;
      before: number | string | null;
      split: string | null;
    }>(
      tx,
      sql`select m.source_id as "sourceId", s.name as source, to_char(m.month, 'YYYY-MM-DD') as month,
                 sum(sp.amount) as before,
                 string_agg(sp.campaign || '=' || round(sp.amount * 100)::bigint, '|' order by sp.campaign collate "C") as split
          from (select distinct source_id, month from ${given}) m
          join sources s on s.id = m.source_id
          left join spend sp on sp.source_id = m.source_id and sp.month = m.month
          group by m.source_id, s.name, m.month`,
    );
    if (!options.dryRun) {
      await tx.execute(sql`
        delete from spend sp
        using (select distinct source_id, month from ${given}) m
        where sp.source_id = m.source_id and sp.month = m.month
          and not exists (select 1 from ${given} where e.source_id = sp.source_id and e.month = sp.month
            and e.campaign = sp.campaign and e.amount is not null)`);
      await tx.execute(sql`
        insert into spend (source_id, month, campaign, amount, origin)
        select source_id, month, campaign, amount, ${origin} from ${given}
        where amount is not null
        on conflict (source_id, month, campaign) do update set amount = excluded.amount, origin = excluded.origin
        where spend.amount is distinct from excluded.amount`);
    }
    return before
      .map((r) => {
        const split = defined(after.get(monthKey(r)));
        const total = split.size ? [...split.values()].reduce((sum, a) => sum + a, 0) : null;
        const signature = [...split]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([campaign, amount]) => `${campaign}=${cents(amount)}`)
          .join('|');
        return {
          change: {
            sourceId: Number(r.sourceId),
            source: r.source,
            month: r.month,
            before: num(r.before),
            after: total === null ? null : Math.round(total * 100) / 100,
          },
          same: (r.split ?? '') === signature,
        };
      })
      .filter((c) => !c.same)
      .map((c) => c.change)
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

/** Every source with its spend per month (campaigns added up) from `from` to `to` (first days of months, inclusive). */
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
        left join (select source_id, month, sum(amount) as amount from spend
                   where month between ${from}::date and ${to}::date group by source_id, month) sp
          on sp.source_id = s.id
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
