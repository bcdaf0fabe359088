import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { leadConditions, type MetricFilter } from '../filter';
import { dayIndex, historyStartDate, windowBounds } from './pacing-sql';
import type { PacingWindow } from './pacing-window';
import { type CurveInputs, type CurveRow, fitCurves } from './survival-curves';

export type { CurveRow } from './survival-curves';

/**
 * The stage transitions the projection follows. Each is timed from entering a stage (`entry`)
 * to the next (`event`); `exit` is a competing end (disqualified, lost…) that removes a lead
 * from the running. A lead weighs 1 (`counted`) or its amount.
 */
export const transitions = {
  salesReady: {
    weight: sql`1::numeric`,
    counted: true,
    entry: sql`l.created_at`,
    event: sql`l.sales_ready_at`,
    exit: sql`least(l.disqualified_at, l.lost_at, l.won_at)`,
  },
  opportunity: {
    weight: sql`1::numeric`,
    counted: true,
    entry: sql`l.sales_ready_at`,
    event: sql`l.opportunity_at`,
    exit: sql`least(l.disqualified_at, l.lost_at, l.won_at)`,
  },
  won: {
    weight: sql`coalesce(l.amount, 0)::numeric`,
    counted: false,
    entry: sql`l.opportunity_at`,
    event: sql`l.won_at`,
    exit: sql`least(l.lost_at, l.disqualified_at)`,
  },
  closed: {
    weight: sql`coalesce(l.amount, 0)::numeric`,
    counted: false,
    entry: sql`l.opportunity_at`,
    event: sql`least(l.won_at, l.lost_at, l.disqualified_at)`,
    exit: sql`null::timestamptz`,
  },
} satisfies Record<string, { weight: SQL; counted: boolean; entry: SQL; event: SQL; exit: SQL }>;
export type Transition = keyof typeof transitions;

/** A lead still waiting longer than this for its next stage is taken as gone cold. */
export const maxOpenDays = 365;
/** Pseudo-leads of the all-sources curve mixed into each source's curve, so thin sources borrow strength. */
export const poolingWeight = 20;

/** Ends later than this many days after entry are not told apart (the longest wait read, plus a quarter). */
const lastDay = maxOpenDays + 92 + 1;

/**
 * A discrete-time survival curve per source for one transition, from every lead that entered the stage from
 * the history's start to the cutoff, later events unseen (docs/pacing.md, "Conversion still to come").
 * `rollups`: read the transition rollups, only for a cutoff after every stage time (`settledBefore`).
 */
export async function funnelCurves(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
  transition: Transition,
  rollups: boolean,
): Promise<CurveRow[]> {
  const [inputs] = await selectRows<CurveInputs>(
    db,
    sql`
    with ${rollups ? rolledUnits(w, filter, transition) : rawUnits(w, filter, transition)}
    select
      (select coalesce(json_agg(src), '[]') from keys) as keys,
      (select coalesce(json_agg(json_build_array(src, t, ne, nx, nc)), '[]') from counts) as counts,
      (select coalesce(json_agg(json_build_array(src, in_quarter, age, n, amount, missing)), '[]')
         from waiting) as waiting,
      (select coalesce(json_agg(json_build_array(src, age, n, observed)), '[]') from entrants) as entrants,
      (select coalesce(json_agg(json_build_array(src, mean_amount)), '[]') from amounts) as amounts,
      (select m from unit_weight) as "unitWeight"`,
  );
  if (!inputs) throw new Error('the funnel curves query returned no row');
  return fitCurves(inputs, w.daysRemaining, lastDay, maxOpenDays, poolingWeight);
}

/**
 * The curves' inputs from the leads (any cutoff; numeric weights, so sums are exact and match the rollups'):
 * `counts` (weight ending per source and day since entry: event, exit or waiting at the cutoff), `keys`,
 * `unit_weight`, `amounts` (mean deal amount), `waiting` and `entrants` (this quarter's), by age.
 */
function rawUnits(w: PacingWindow, filter: MetricFilter, transition: Transition): SQL {
  const { weight, entry, event, exit } = transitions[transition];
  const where = leadConditions(filter);
  const { quarterStart, cutoff: c, historyStart } = windowBounds(w);
  return sql`
    units as (
      select coalesce(l.source_id, 0) as src,
        l.amount,
        ${weight} as w,
        (l.opportunity_at < ${c}) as has_opportunity,
        (${entry} >= ${historyStart}) as in_history,
        (${entry} >= ${quarterStart}) as in_quarter,
        ${dayIndex(entry, c)} as age,
        case when ${event} < ${c} then ${dayIndex(entry, event)} end as ev_day,
        case when ${exit} < ${c} and not coalesce(${event} <= ${exit}, false) then ${dayIndex(entry, exit)} end as ex_day
      from leads l
      where ${entry} >= ${scanFrom(w)} and ${entry} < ${c} and ${where}
    ),
    terminal as (
      select src, w,
        least(coalesce(ev_day, ex_day, age), ${lastDay}::int) as t,
        (ev_day is not null and ev_day < ${lastDay}::int) as e,
        (ev_day is null and ex_day is not null and ex_day < ${lastDay}::int) as x
      from units where in_history
    ),
    ${countsCte},
    keys as (select distinct src from units union select -1),
    -- The pooling weight in leads of average weight (amount-weighted curves weigh in currency).
    unit_weight as (select coalesce(avg(w) filter (where w > 0), 1)::float8 as m from units where in_history),
    amounts as (
      select coalesce(src, -1) as src, avg(amount)::float8 as mean_amount
      from units where in_history and has_opportunity and amount is not null
      group by grouping sets ((src), ())
    ),
    waiting as (
      select src, in_quarter, age, count(*)::float8 as n,
        coalesce(sum(amount), 0)::float8 as amount, (count(*) - count(amount))::float8 as missing
      from units
      where ev_day is null and ex_day is null and age <= ${maxOpenDays}::int
      group by src, in_quarter, age
    ),
    entrants as (
      select src, age, sum(w)::float8 as n, coalesce(sum(w) filter (where ev_day is not null), 0)::float8 as observed
      from units where in_quarter group by src, age
    )`;
}

/**
 * The same from the transition rollups, which hold each lead's end as it stands now, so only for a cutoff
 * after every recorded instant (`settledBefore`). Ends per month of entry (the history starts on a first of
 * month); the waiting and this quarter's entrants per stand-in entry time, whose ages are the leads' own.
 */
function rolledUnits(w: PacingWindow, filter: MetricFilter, transition: Transition): SQL {
  const where = leadConditions(filter);
  const { cutoff: c } = windowBounds(w);
  // Weights of 1 add up as integers (faster than numeric, the same whole numbers).
  const { counted } = transitions[transition];
  const weight = counted ? sql`l.leads` : sql`l.weight`;
  const openWeight = counted ? sql`open` : sql`open_weight`;
  const historyFrom = sql`${historyStartDate(w)}::date`;
  const quarterFrom = sql`${w.quarter.from}::date`;
  return sql`
    entries as (
      select coalesce(l.source_id, 0) as src, l.day, ${dayIndex(sql`l.entered`, c)} as age,
        l.leads, l.weight, l.event_weight, l.weighted, l.weighted_sum, l.deals, l.deal_amount,
        l.open, l.open_weight, l.open_amount, l.open_missing
      from rollup_transition_entries l
      where l.transition = ${transition} and l.entered >= ${scanFrom(w)} and l.leads <> 0 and ${where}
    ),
    terminal as (
      select coalesce(l.source_id, 0) as src, ${weight} as w, least(l.lag, ${lastDay}::int) as t,
        (l.kind = 'e' and l.lag < ${lastDay}::int) as e, (l.kind = 'x' and l.lag < ${lastDay}::int) as x
      from rollup_transition_lags l
      where l.transition = ${transition} and l.month >= ${historyFrom} and l.leads <> 0 and ${where}
      union all
      select src, ${openWeight}, least(age, ${lastDay}::int), false, false
      from entries where day >= ${historyFrom} and open <> 0
    ),
    ${countsCte},
    -- From the sources table (with 0, no source), so the planner expects a handful of curves.
    keys as (
      select s.src from (select id as src from sources union all select 0) s
      where exists (select 1 from entries e where e.src = s.src)
      union all select -1
    ),
    unit_weight as (
      select coalesce(sum(weighted_sum) / nullif(sum(weighted), 0)::numeric, 1)::float8 as m
      from entries where day >= ${historyFrom}
    ),
    -- A numeric mean is its sum divided by its count: the same bits as avg().
    amounts as (
      select coalesce(src, -1) as src, (sum(deal_amount) / sum(deals)::numeric)::float8 as mean_amount
      from entries where day >= ${historyFrom} and deals <> 0
      group by grouping sets ((src), ())
    ),
    waiting as (
      select src, day >= ${quarterFrom} as in_quarter, age, sum(open)::float8 as n,
        sum(open_amount)::float8 as amount, sum(open_missing)::float8 as missing
      from entries
      where open <> 0 and age <= ${maxOpenDays}::int
      group by src, in_quarter, age
    ),
    entrants as (
      select src, age, sum(${counted ? sql`leads` : sql`weight`})::float8 as n, sum(event_weight)::float8 as observed
      from entries where day >= ${quarterFrom} group by src, age
    )`;
}

/**
 * Weight ending on each day since entry, per source and for all sources (-1): the event, an exit, or
 * still waiting at the cutoff. Sums are exact (numeric): the sources' add up to the total.
 */
const countsCte = sql`
    by_source as (
      select src, t, sum(w) filter (where e) as ne, sum(w) filter (where x) as nx,
        sum(w) filter (where not e and not x) as nc
      from terminal group by src, t
    ),
    counts as (
      select src, t, coalesce(ne, 0)::float8 as ne, coalesce(nx, 0)::float8 as nx, coalesce(nc, 0)::float8 as nc
      from by_source
      union all
      select -1, t, coalesce(sum(ne), 0)::float8, coalesce(sum(nx), 0)::float8, coalesce(sum(nc), 0)::float8
      from by_source group by t
    )`;

/** The curves read leads that entered from here: the history's start, or a year back when it is shorter. */
function scanFrom(w: PacingWindow): SQL {
  const { cutoff: c, historyStart } = windowBounds(w);
  return sql`least(${historyStart}, ${c} - make_interval(days => ${maxOpenDays}::int))`;
}

/**
 * Whether every stage time of every lead lies before the cutoff, so that the transition rollups (each
 * lead's ends as they stand now) are what the cutoff saw: true as of today, false for a back-test.
 */
export async function settledBefore(db: Database, w: PacingWindow): Promise<boolean> {
  const { cutoff: c } = windowBounds(w);
  const [row] = await selectRows<{ settled: boolean }>(
    db,
    sql`select coalesce(greatest((select max(created_at) from leads), (select max(sales_ready_at) from leads),
      (select max(opportunity_at) from leads), (select max(won_at) from leads), (select max(lost_at) from leads),
      (select max(disqualified_at) from leads)) < ${c}, true) as settled`,
  );
  return row?.settled ?? false;
}
