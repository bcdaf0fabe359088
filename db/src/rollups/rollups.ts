import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { filtersBeyondSource, type MetricFilter } from '../queries/filter';

/** How a figure query may be answered. */
export interface FigureOptions {
  /**
   * `false` computes the figure from the raw leads and touches only: the reference the rollups are
   * tested against (test/db/rollups-*.test.ts). Default: the rollups when they can answer.
   */
  rollups?: boolean;
}

/**
 * Whether the rollups can answer a figure under this filter: they are cut in local days of the time
 * zone they were built in, per source, so they answer a range of days in that time zone filtered by
 * source or category; a segment, country or owner filter, or another time zone, reads the raw rows.
 */
export async function rollupsServe(
  db: Database,
  filter: Pick<MetricFilter, 'timezone'> & Parameters<typeof filtersBeyondSource>[0],
  options: FigureOptions = {},
): Promise<boolean> {
  if (options.rollups === false || filtersBeyondSource(filter)) return false;
  const [state] = await selectRows<{ timezone: string }>(
    db,
    sql`select timezone from rollup_state where id = 1`,
  );
  return state?.timezone === filter.timezone;
}

/**
 * Rebuilds every rollup from the raw tables, cutting days in the time zone of the settings. Changing
 * `settings.timezone` does it by itself (a trigger, in the same transaction); call this after writing
 * leads with the triggers disabled, or to repair. Writers wait while it runs (seconds per million leads).
 */
export async function rebuildRollups(db: Database): Promise<void> {
  await db.execute(sql`select rollups_rebuild()`);
  await db.execute(sql`select rollup_transitions_rebuild()`);
}

/**
 * Whether `rollup_lead_facts` is kept (the rollups are on) and may answer: its values are per lead and
 * in instants, so unlike the day rollups they serve any time zone and any lead filter.
 */
export async function factsServe(db: Database, options: FigureOptions = {}): Promise<boolean> {
  if (options.rollups === false) return false;
  const [state] = await selectRows<{ on: boolean }>(
    db,
    sql`select true as on from rollup_state where id = 1`,
  );
  return state?.on === true;
}
