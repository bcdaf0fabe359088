import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { daysBetweenSql, leadConditions, type MetricFilter, ratioSql } from '../filter';
import { type MetricView, reachedEver, reachedInView, type Stage, stageAt, viewScope } from '../stages';

/** The funnel's stages in order; won and lost both follow the opportunity. */
export const funnelStages = ['lead', 'mql', 'salesReady', 'accepted', 'opportunity', 'won'] as const;
export type FunnelStage = (typeof funnelStages)[number];
/** Exits from the funnel: a lost deal leaves from the opportunity, a disqualified lead from anywhere. */
export const funnelExits = [
  { stage: 'lost', from: 'opportunity' },
  { stage: 'disqualified', from: 'lead' },
] as const;
/** Stages a lead can skip (the first, lead, cannot be: every lead has a creation time). */
const skippable = ['mql', 'salesReady', 'accepted', 'opportunity'] as const;

export interface FunnelStep {
  stage: FunnelStage;
  /** Leads that reached the stage, as the view counts them. */
  count: number;
  /** Of the leads that reached the previous stage (in the view), the share that reached this one. */
  stepConversion: number | null;
  /** Of the leads created (in the view), the share that reached this stage. */
  cumulativeConversion: number | null;
  /** Leads that reached the previous stage (in the view) but not this one, and their share. */
  dropOff: number | null;
  dropOffRate: number | null;
  /** Median days from reaching the stage to reaching any later one (null for the last stage). */
  medianDaysInStage: number | null;
}

export interface FunnelExit {
  stage: 'lost' | 'disqualified';
  count: number;
  from: FunnelStage;
  /** Of the leads that reached `from` (in the view), the share that left this way. */
  conversion: number | null;
}

export interface FunnelReport {
  view: MetricView;
  stages: FunnelStep[];
  exits: FunnelExit[];
  anomalies: {
    /** Leads in the view's scope. */
    leadsInScope: number;
    /** Per stage: leads without that stage's time but with a later stage's. */
    skipped: Record<(typeof skippable)[number], number>;
    /** Leads that skipped at least one stage. */
    skippedAny: number;
    /** Leads with a stage time earlier than an earlier stage's (e.g. won before created). */
    outOfOrder: number;
  };
}

const later: Record<FunnelStage, Stage[]> = {
  lead: ['mql', 'salesReady', 'accepted', 'opportunity', 'won', 'lost'],
  mql: ['salesReady', 'accepted', 'opportunity', 'won', 'lost'],
  salesReady: ['accepted', 'opportunity', 'won', 'lost'],
  accepted: ['opportunity', 'won', 'lost'],
  opportunity: ['won', 'lost'],
  won: [],
};
const earlier: Record<FunnelStage | 'lost', Stage[]> = {
  lead: [],
  mql: ['lead'],
  salesReady: ['lead', 'mql'],
  accepted: ['lead', 'mql', 'salesReady'],
  opportunity: ['lead', 'mql', 'salesReady', 'accepted'],
  won: ['lead', 'mql', 'salesReady', 'accepted', 'opportunity'],
  lost: ['lead', 'mql', 'salesReady', 'accepted', 'opportunity'],
};

const cols = (stages: readonly Stage[]): SQL => sql.join(stages.map(stageAt), sql`, `);
const name = (prefix: string, stage: string) => sql.raw(`"${prefix}_${stage}"`);

/**
 * Counts per stage, step and cumulative conversion, drop-off, median days in each stage, and the
 * data anomalies (skipped stages, stages out of order), in the cohort or the period view.
 * Definitions in docs/metrics.md, "Funnel".
 */
export async function funnelReport(
  db: Database,
  filter: MetricFilter,
  view: MetricView = 'cohort',
): Promise<FunnelReport> {
  const v = (stage: Stage) => reachedInView(stage, view, filter);
  const all: Stage[] = [...funnelStages, 'lost', 'disqualified'];
  const columns: SQL[] = [];
  for (const stage of all) columns.push(sql`count(*) filter (where ${v(stage)})::int as ${name('n', stage)}`);
  funnelStages.forEach((stage, i) => {
    if (i > 0) {
      const prev = funnelStages[i - 1]!;
      columns.push(
        sql`count(*) filter (where ${v(prev)} and ${reachedEver(stage)})::int as ${name('step', stage)}`,
      );
    }
    columns.push(
      sql`count(*) filter (where ${v('lead')} and ${reachedEver(stage)})::int as ${name('cum', stage)}`,
    );
    const next = later[stage];
    if (next.length) {
      // Time until the lead first moved on; a later stage recorded before this one is left out.
      columns.push(sql`(percentile_cont(0.5) within group (order by
          case when least(${cols(next)}) >= ${stageAt(stage)}
            then ${daysBetweenSql(stageAt(stage), sql`least(${cols(next)})`)} end)
          filter (where ${v(stage)}))::float8 as ${name('days', stage)}`);
    }
  });
  for (const exit of funnelExits) {
    columns.push(
      sql`count(*) filter (where ${v(exit.from)} and ${reachedEver(exit.stage)})::int as ${name('exit', exit.stage)}`,
    );
  }
  for (const stage of skippable) {
    columns.push(
      sql`count(*) filter (where ${stageAt(stage)} is null and coalesce(${cols(later[stage])}) is not null)::int as ${name('skip', stage)}`,
    );
  }
  const skippedAny = sql.join(
    skippable.map(
      (stage) => sql`(${stageAt(stage)} is null and coalesce(${cols(later[stage])}) is not null)`,
    ),
    sql` or `,
  );
  const outOfOrder = sql.join(
    (['mql', 'salesReady', 'accepted', 'opportunity', 'won', 'lost'] as const).map(
      (stage) => sql`${stageAt(stage)} < greatest(${cols(earlier[stage])})`,
    ),
    sql` or `,
  );
  columns.push(sql`count(*) filter (where ${skippedAny})::int as "skippedAny"`);
  columns.push(sql`count(*) filter (where ${outOfOrder})::int as "outOfOrder"`);
  columns.push(sql`count(*)::int as "leadsInScope"`);

  // The outer select divides the counts: every rate is computed in SQL, null when nothing to divide.
  const outer: SQL[] = [sql`c.*`];
  funnelStages.forEach((stage, i) => {
    if (i === 0) return;
    const prev = funnelStages[i - 1]!;
    const [num, den] = [sql`c.${name('step', stage)}`, sql`c.${name('n', prev)}`];
    outer.push(sql`${ratioSql(num, den)} as ${name('stepRate', stage)}`);
    outer.push(sql`${ratioSql(sql`${den} - ${num}`, den)} as ${name('dropRate', stage)}`);
  });
  for (const stage of funnelStages) {
    outer.push(sql`${ratioSql(sql`c.${name('cum', stage)}`, sql`c.n_lead`)} as ${name('cumRate', stage)}`);
  }
  for (const exit of funnelExits) {
    outer.push(
      sql`${ratioSql(sql`c.${name('exit', exit.stage)}`, sql`c.${name('n', exit.from)}`)} as ${name('exitRate', exit.stage)}`,
    );
  }

  const scope = viewScope(view, filter, all);
  const [row] = await selectRows<Record<string, number | null>>(
    db,
    sql`select ${sql.join(outer, sql`, `)}
        from (select ${sql.join(columns, sql`, `)}
              from leads l where ${scope} and ${leadConditions(filter)}) c`,
  );
  if (!row) throw new Error('funnel query returned no row');
  const n = (key: string) => (row[key] as number | null) ?? 0;
  const rate = (key: string) => (row[key] as number | null | undefined) ?? null;

  const stages = funnelStages.map((stage, i): FunnelStep => {
    const prev = i > 0 ? funnelStages[i - 1]! : null;
    return {
      stage,
      count: n(`n_${stage}`),
      stepConversion: prev ? rate(`stepRate_${stage}`) : null,
      cumulativeConversion: rate(`cumRate_${stage}`),
      dropOff: prev ? n(`n_${prev}`) - n(`step_${stage}`) : null,
      dropOffRate: prev ? rate(`dropRate_${stage}`) : null,
      medianDaysInStage: rate(`days_${stage}`),
    };
  });
  return {
    view,
    stages,
    exits: funnelExits.map((exit) => ({
      stage: exit.stage,
      count: n(`n_${exit.stage}`),
      from: exit.from,
      conversion: rate(`exitRate_${exit.stage}`),
    })),
    anomalies: {
      leadsInScope: n('leadsInScope'),
      skipped: {
        mql: n('skip_mql'),
        salesReady: n('skip_salesReady'),
        accepted: n('skip_accepted'),
        opportunity: n('skip_opportunity'),
      },
      skippedAny: n('skippedAny'),
      outOfOrder: n('outOfOrder'),
    },
  };
}
