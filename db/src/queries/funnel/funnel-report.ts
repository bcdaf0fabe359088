import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { defined } from '../../defined';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import { daysBetweenSql, inDays, inRange, leadConditions, type MetricFilter, ratioSql } from '../filter';
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
  /** Its numerator: of the previous stage's `count`, the leads that reached this stage (by now). */
  converted: number | null;
  /** Of the leads created (in the view), the share that reached this stage. */
  cumulativeConversion: number | null;
  /** Its numerator: of the leads created in the range (the lead stage's `count`), those that reached this stage. */
  reachedFromCreated: number;
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
  /** Its numerator: of the `count` of `from`, the leads that left this way (by now). */
  left: number;
}

/** What a funnel rate divides, in words, in one view (docs/metrics.md, "Rates and the counts beside them"). */
export interface FunnelRateBasis {
  numerator: string;
  denominator: string;
  /** Whether the numerator is the `count` shown beside the rate (else it is the rate's own count field). */
  numeratorIsCount: boolean;
}

export type FunnelRate = 'stepConversion' | 'cumulativeConversion' | 'exitConversion';

/**
 * Each rate follows one set of leads from an earlier stage to a later one, so it stays a share
 * (docs/decisions/0014). In the period view the earlier stage is counted in the period, the later one reached
 * by now: the numerator (`converted`, `reachedFromCreated`, `left`) is not the later stage's count.
 */
export function funnelRateBases(view: MetricView): Record<FunnelRate, FunnelRateBasis> {
  if (view === 'cohort')
    return {
      stepConversion: {
        numerator: 'leads created in the period that reached this stage and the previous one',
        denominator: 'leads created in the period that reached the previous stage (its count)',
        numeratorIsCount: false,
      },
      cumulativeConversion: {
        numerator: 'leads created in the period that reached this stage',
        denominator: 'leads created in the period',
        numeratorIsCount: true,
      },
      exitConversion: {
        numerator: 'leads created in the period that reached the earlier stage and left this way',
        denominator: 'leads created in the period that reached the earlier stage',
        numeratorIsCount: false,
      },
    };
  return {
    stepConversion: {
      numerator: 'leads that reached the previous stage in the period and this one by now',
      denominator: 'leads that reached the previous stage in the period (its count)',
      numeratorIsCount: false,
    },
    cumulativeConversion: {
      numerator: 'leads created in the period that reached this stage by now',
      denominator: 'leads created in the period',
      numeratorIsCount: false,
    },
    exitConversion: {
      numerator: 'leads that reached the earlier stage in the period and left this way by now',
      denominator: 'leads that reached the earlier stage in the period',
      numeratorIsCount: false,
    },
  };
}

export interface FunnelReport {
  view: MetricView;
  /** Each rate's numerator and denominator in this view (`funnelRateBases`). */
  rateBases: Record<FunnelRate, FunnelRateBasis>;
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

/** Time until the lead first moved on from the stage; a later stage recorded before it is left out. */
function daysInStage(stage: FunnelStage): SQL {
  const next = cols(later[stage]);
  return sql`case when least(${next}) >= ${stageAt(stage)}
            then ${daysBetweenSql(stageAt(stage), sql`least(${next})`)} end`;
}

const skippedCondition = (stage: (typeof skippable)[number]) =>
  sql`(${stageAt(stage)} is null and coalesce(${cols(later[stage])}) is not null)`;

/** The anomaly counts of the leads `l` in scope. */
function anomalyColumns(): SQL[] {
  const columns = skippable.map(
    (stage) => sql`count(*) filter (where ${skippedCondition(stage)})::int as ${name('skip', stage)}`,
  );
  const outOfOrder = sql.join(
    (['mql', 'salesReady', 'accepted', 'opportunity', 'won', 'lost'] as const).map(
      (stage) => sql`${stageAt(stage)} < greatest(${cols(earlier[stage])})`,
    ),
    sql` or `,
  );
  columns.push(
    sql`count(*) filter (where ${sql.join(skippable.map(skippedCondition), sql` or `)})::int as "skippedAny"`,
  );
  columns.push(sql`count(*) filter (where ${outOfOrder})::int as "outOfOrder"`);
  columns.push(sql`count(*)::int as "leadsInScope"`);
  return columns;
}

/** Every count, median and anomaly of the view from the leads in its scope. */
function fromLeads(filter: MetricFilter, view: MetricView): SQL {
  const v = (stage: Stage) => reachedInView(stage, view, filter);
  const all: Stage[] = [...funnelStages, 'lost', 'disqualified'];
  const columns: SQL[] = [];
  for (const stage of all) columns.push(sql`count(*) filter (where ${v(stage)})::int as ${name('n', stage)}`);
  funnelStages.forEach((stage, i) => {
    if (i > 0) {
      const prev = defined(funnelStages[i - 1]);
      columns.push(
        sql`count(*) filter (where ${v(prev)} and ${reachedEver(stage)})::int as ${name('step', stage)}`,
      );
    }
    columns.push(
      sql`count(*) filter (where ${v('lead')} and ${reachedEver(stage)})::int as ${name('cum', stage)}`,
    );
    if (later[stage].length) {
      columns.push(sql`(percentile_cont(0.5) within group (order by ${daysInStage(stage)})
          filter (where ${v(stage)}))::float8 as ${name('days', stage)}`);
    }
  });
  for (const exit of funnelExits) {
    columns.push(
      sql`count(*) filter (where ${v(exit.from)} and ${reachedEver(exit.stage)})::int as ${name('exit', exit.stage)}`,
    );
  }
  columns.push(...anomalyColumns());
  return sql`select ${sql.join(columns, sql`, `)}
              from leads l where ${viewScope(view, filter, all)} and ${leadConditions(filter)}`;
}

/** The rollups' column of each stage: rollup_lead_days.<column> counts the leads created that reached it. */
const rollupColumn: Record<Stage, string> = {
  lead: 'leads',
  mql: 'mql',
  salesReady: 'sales_ready',
  accepted: 'accepted',
  opportunity: 'opportunity',
  won: 'won',
  lost: 'lost',
  disqualified: 'disqualified',
};

/** rollup_lead_facts' time in each stage (null when the funnel leaves the lead out). */
const factsColumn: Record<string, string> = {
  lead: 'lead_days',
  mql: 'mql_days',
  salesReady: 'sales_ready_days',
  accepted: 'accepted_days',
  opportunity: 'opportunity_days',
};

/** The median of a stage's stored times in stage, over the rollup_lead_facts rows `l`. */
const factsMedian = (stage: string) =>
  sql`(percentile_cont(0.5) within group (order by ${sql.raw(`l.${factsColumn[stage]}`)}))::float8`;

/**
 * Counts from the rollups; medians from the stored times in stage of the leads created in the range (cohort,
 * and the time as a lead in both views) or that reached each stage in it (period, through the stage's
 * covering index). The cohort view's anomalies are kept per day; the period view's are `periodAnomalies`.
 */
function fromRollups(filter: MetricFilter, view: MetricView): SQL {
  const where = leadConditions(filter);
  // The stages the sums read, so the stage rollup is read through its key rather than whole.
  const stagesRead = new Set<string>();
  const sum = (column: string, as: SQL, stage?: string) => {
    if (!stage) return sql`coalesce(sum(${sql.raw(`l.${column}`)}), 0)::int as ${as}`;
    stagesRead.add(stage);
    return sql`coalesce(sum(${sql.raw(`l.${column}`)}) filter (where l.stage = ${stage}), 0)::int as ${as}`;
  };
  const created: SQL[] = [];
  const staged: SQL[] = [];
  const all: Stage[] = [...funnelStages, 'lost', 'disqualified'];
  for (const stage of all) {
    if (view === 'cohort' || stage === 'lead') created.push(sum(rollupColumn[stage], name('n', stage)));
    else staged.push(sum('leads', name('n', stage), rollupColumn[stage]));
  }
  for (const stage of funnelStages) created.push(sum(rollupColumn[stage], name('cum', stage)));
  // Reached the previous stage in the view and this one at any time.
  const cohortSteps: Record<string, string> = {
    mql: 'mql',
    salesReady: 'mql_sales_ready',
    accepted: 'sales_ready_accepted',
    opportunity: 'accepted_opportunity',
    won: 'opportunity_won',
  };
  const periodSteps: Record<string, [string, string]> = {
    salesReady: ['mql', 'then_sales_ready'],
    accepted: ['sales_ready', 'then_accepted'],
    opportunity: ['accepted', 'then_opportunity'],
    won: ['opportunity', 'then_won'],
  };
  for (const stage of funnelStages.slice(1)) {
    const period = periodSteps[stage];
    if (view === 'cohort' || !period) created.push(sum(defined(cohortSteps[stage]), name('step', stage)));
    else staged.push(sum(period[1], name('step', stage), period[0]));
  }
  if (view === 'cohort') created.push(sum('opportunity_lost', name('exit', 'lost')));
  else staged.push(sum('then_lost', name('exit', 'lost'), 'opportunity'));
  created.push(sum('disqualified', name('exit', 'disqualified')));
  if (view === 'cohort') {
    // The cohort view's scope is the leads created in the range: its anomalies are kept per day.
    for (const stage of skippable) {
      created.push(sum(`skipped_${rollupColumn[stage]}`, name('skip', stage)));
    }
    created.push(sum('skipped_any', sql`"skippedAny"`));
    created.push(sum('out_of_order', sql`"outOfOrder"`));
    created.push(sum('leads', sql`"leadsInScope"`));
  }

  const medians = funnelStages
    .filter((stage) => later[stage].length)
    .map((stage) =>
      view === 'cohort'
        ? sql`${factsMedian(stage)} as ${name('days', stage)}`
        : stage === 'lead'
          ? // Time as a lead is counted on the leads created in the range in both views.
            sql`(select ${factsMedian(stage)} from rollup_lead_facts l
               where ${inRange(sql`l.created_at`, filter)} and ${where}) as ${name('days', stage)}`
          : sql`(select (percentile_cont(0.5) within group (order by ${daysInStage(stage)}))::float8
               from leads l where ${inRange(stageAt(stage), filter)} and ${where}) as ${name('days', stage)}`,
    );
  const parts = [
    sql`(select ${sql.join(created, sql`, `)} from rollup_lead_days l where ${inDays(filter)} and ${where}) created`,
  ];
  if (staged.length) {
    const stages = `{${[...stagesRead].join(',')}}`;
    parts.push(sql`(select ${sql.join(staged, sql`, `)} from rollup_stage_days l
                    where l.stage = any(${stages}::text[]) and ${inDays(filter)} and ${where}) staged`);
  }
  if (view === 'cohort') {
    parts.push(sql`(select ${sql.join(medians, sql`, `)} from rollup_lead_facts l
                    where ${inRange(sql`l.created_at`, filter)} and ${where}) medians`);
  } else {
    parts.push(sql`(select ${sql.join(medians, sql`, `)}) medians`);
  }
  return sql`select * from ${sql.join(parts, sql`, `)}`;
}

/**
 * The period view's anomalies from its leads, as their scope (leads with any stage in the range) is no sum
 * of days: a statement of its own, so a pooled server reads them while it sums the rollups.
 */
function periodAnomalies(filter: MetricFilter): SQL {
  const all: Stage[] = [...funnelStages, 'lost', 'disqualified'];
  return sql`select ${sql.join(anomalyColumns(), sql`, `)} from leads l
              where ${viewScope('period', filter, all)} and ${leadConditions(filter)}`;
}

/**
 * Counts per stage, step and cumulative conversion, drop-off, median days in each stage, and the
 * data anomalies (skipped stages, stages out of order), in the cohort or the period view.
 * Definitions in docs/metrics.md, "Funnel".
 */
export async function funnelReport(
  db: Database,
  filter: MetricFilter,
  view: MetricView = 'cohort',
  options: FigureOptions = {},
): Promise<FunnelReport> {
  const rollups = await rollupsServe(db, filter, options);
  const inner = rollups ? fromRollups(filter, view) : fromLeads(filter, view);
  // The outer select divides the counts: every rate is computed in SQL, null when nothing to divide.
  const outer: SQL[] = [sql`c.*`];
  funnelStages.forEach((stage, i) => {
    if (i === 0) return;
    const prev = defined(funnelStages[i - 1]);
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

  const [[counts], [anomalies]] = await Promise.all([
    selectRows<Record<string, number | null>>(db, sql`select ${sql.join(outer, sql`, `)} from (${inner}) c`),
    rollups && view === 'period'
      ? selectRows<Record<string, number | null>>(db, periodAnomalies(filter))
      : [undefined],
  ]);
  if (!counts) throw new Error('funnel query returned no row');
  const row = { ...counts, ...anomalies };
  const n = (key: string) => (row[key] as number | null) ?? 0;
  const rate = (key: string) => (row[key] as number | null | undefined) ?? null;

  const stages = funnelStages.map((stage, i): FunnelStep => {
    const prev = i > 0 ? defined(funnelStages[i - 1]) : null;
    return {
      stage,
      count: n(`n_${stage}`),
      stepConversion: prev ? rate(`stepRate_${stage}`) : null,
      converted: prev ? n(`step_${stage}`) : null,
      cumulativeConversion: rate(`cumRate_${stage}`),
      reachedFromCreated: n(`cum_${stage}`),
      dropOff: prev ? n(`n_${prev}`) - n(`step_${stage}`) : null,
      dropOffRate: prev ? rate(`dropRate_${stage}`) : null,
      medianDaysInStage: rate(`days_${stage}`),
    };
  });
  return {
    view,
    rateBases: funnelRateBases(view),
    stages,
    exits: funnelExits.map((exit) => ({
      stage: exit.stage,
      count: n(`n_${exit.stage}`),
      from: exit.from,
      conversion: rate(`exitRate_${exit.stage}`),
      left: n(`exit_${exit.stage}`),
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
