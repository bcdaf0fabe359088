import { type SQL, sql } from 'drizzle-orm';
import { inRange, type MetricFilter } from './filter';

/** The two ways a funnel figure counts (PRODUCT.md: both needed and labelled). */
export const metricViews = ['cohort', 'period'] as const;
export type MetricView = (typeof metricViews)[number];

/** Each stage and the lead column holding the time it was reached (null: not reached). */
export const stageColumns = {
  lead: 'created_at',
  mql: 'mql_at',
  salesReady: 'sales_ready_at',
  accepted: 'accepted_at',
  opportunity: 'opportunity_at',
  won: 'won_at',
  lost: 'lost_at',
  disqualified: 'disqualified_at',
} as const;
export type Stage = keyof typeof stageColumns;

/** The stage's time column on the lead alias `l`. */
export function stageAt(stage: Stage): SQL {
  return sql.raw(`l.${stageColumns[stage]}`);
}

/** The lead reached the stage at any time (to date). */
export function reachedEver(stage: Stage): SQL {
  return sql`(${stageAt(stage)} is not null)`;
}

/**
 * The lead reached the stage *as the view counts it*. Cohort view: the lead was created in the
 * range (the scope) and reached the stage at any time since. Period view: the stage happened in
 * the range, whenever the lead was created.
 */
export function reachedInView(stage: Stage, view: MetricView, filter: MetricFilter): SQL {
  if (view === 'cohort')
    return stage === 'lead'
      ? sql`(${inRange(stageAt('lead'), filter)})`
      : sql`(${inRange(stageAt('lead'), filter)} and ${reachedEver(stage)})`;
  return sql`(${inRange(stageAt(stage), filter)})`;
}

/** The leads a view looks at: created in the range (cohort), or with any of `stages` in it (period). */
export function viewScope(view: MetricView, filter: MetricFilter, stages: readonly Stage[]): SQL {
  if (view === 'cohort') return sql`(${inRange(stageAt('lead'), filter)})`;
  return sql`(${sql.join(
    stages.map((s) => sql`(${inRange(stageAt(s), filter)})`),
    sql` or `,
  )})`;
}

/**
 * The lead is an open opportunity at instant `at`: it reached the opportunity before then and was
 * not won, lost or disqualified before then. Pipeline is the amount of these.
 */
export function openOpportunityAt(at: SQL): SQL {
  return sql`(l.opportunity_at < ${at}
    and (l.won_at is null or l.won_at >= ${at})
    and (l.lost_at is null or l.lost_at >= ${at})
    and (l.disqualified_at is null or l.disqualified_at >= ${at}))`;
}

/** When the deal became an opportunity; a deal closed without a recorded opportunity time, its close. */
export const openedAt = sql`coalesce(l.opportunity_at, least(l.won_at, l.lost_at))`;

/**
 * A touch's channel names a source when it equals the source's key: trimmed of spaces, tabs and
 * line breaks and in lower case, as imports key source names (sourceKey in db/src/import).
 */
export const touchSourceJoin = sql`left join sources ts
  on ts.key = lower(btrim(t.channel, ' ' || chr(9) || chr(10) || chr(13)))`;
