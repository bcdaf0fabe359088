import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';

/** What the demo left in the database: its leads (origin `demo`) and whether its account is there. */
export interface DemoPresence {
  leads: number;
  account: boolean;
}

export interface DemoRemoved {
  leads: number;
  touches: number;
  targets: number;
  spend: number;
  sources: number;
  accounts: number;
}

const count = (n: number | string | undefined) => Number(n ?? 0);

export async function demoPresence(db: Database, demoEmail: string): Promise<DemoPresence> {
  const [row] = await selectRows<{ leads: number | string; account: boolean }>(
    db,
    sql`select (select count(*) from leads where origin_system = 'demo') as leads,
               exists (select 1 from users where email = ${demoEmail}) as account`,
  );
  return { leads: count(row?.leads), account: Boolean(row?.account) };
}

/**
 * "Start with your own data": the demo's leads and their touches, the quarter targets and the marketing
 * spend the demo wrote, the sources no remaining lead or spend comes from, the forecast's track record
 * (computed from the demo's quarters) and the demo account, in one transaction. Leads imported or ingested since stay, with their sources.
 */
export async function removeDemoData(db: Database, demoEmail: string): Promise<DemoRemoved> {
  return db.transaction(async (tx) => {
    const deleted = async (statement: ReturnType<typeof sql>) =>
      count((await selectRows<{ n: number | string }>(tx, statement))[0]?.n);
    const touches = await deleted(sql`with gone as (
        delete from touches t using leads l where t.lead_id = l.id and l.origin_system = 'demo' returning 1)
      select count(*) as n from gone`);
    const leads = await deleted(sql`with gone as (delete from leads where origin_system = 'demo' returning 1)
      select count(*) as n from gone`);
    const targets = await deleted(
      sql`with gone as (delete from targets returning 1) select count(*) as n from gone`,
    );
    const spend = await deleted(
      sql`with gone as (delete from spend where origin = 'demo' returning 1) select count(*) as n from gone`,
    );
    // The demo's sales team cost goes with its spend (counted in neither: it is a month each, not a source's).
    await tx.execute(sql`delete from sales_cost where origin = 'demo'`);
    const sources = await deleted(sql`with gone as (
        delete from sources s where not exists (select 1 from leads l where l.source_id = s.id)
          and not exists (select 1 from spend sp where sp.source_id = s.id) returning 1)
      select count(*) as n from gone`);
    // The forecast's track record was computed from the demo's quarters: it goes with them.
    await tx.execute(sql`delete from forecast_track_record`);
    const accounts = await deleted(sql`with gone as (delete from users where email = ${demoEmail} returning 1)
      select count(*) as n from gone`);
    return { leads, touches, targets, spend, sources, accounts };
  });
}
