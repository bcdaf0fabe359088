import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { defined } from '../../defined';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import { inDays, inRange, leadConditions, type MetricFilter, rangeBounds } from '../filter';
import { openOpportunityAt } from '../stages';

/** The totals a source's change is weighed against. */
export const changeMetrics = ['salesReady', 'pipeline'] as const;
export type ChangeMetric = (typeof changeMetrics)[number];

/**
 * Changes on tiny bases are left out: a source needs this many SRLs in the comparison period, or
 * this share of its pipeline, for a percentage of it to mean something; and a change must be at
 * least `minRelativeChange` of its base to be news.
 */
export const changeThresholds = { minSalesReady: 10, minPipelineShare: 0.02, minRelativeChange: 0.05 };

export interface SourceChange {
  metric: ChangeMetric;
  /** Null: leads without a source ("Unknown"). */
  sourceId: number | null;
  source: string;
  category: SourceCategory;
  current: number;
  previous: number;
  /** current − previous. */
  change: number;
  /** change ÷ previous. */
  relativeChange: number;
  /** change ÷ the comparison period's total of the metric: the source's effect on the total. */
  effect: number;
}

export interface ChangeTotals {
  salesReady: { current: number; previous: number };
  pipeline: { current: number; previous: number };
}

export interface SourceChanges {
  totals: ChangeTotals;
  /** The largest effects first, at most `limit`, one per source. */
  changes: SourceChange[];
}

interface Row {
  level: number;
  sourceId: number | null;
  srCurrent: number;
  srPrevious: number;
  pipeCurrent: number;
  pipePrevious: number;
}

/**
 * What moved the SRL and pipeline totals against the comparison period: per source, as the overview counts
 * them, ranked by the size of each change against the comparison's total (docs/metrics.md, "What changed").
 * All in SQL: from the rollups when they can answer, else from the leads.
 */
export async function sourceChanges(
  db: Database,
  filter: MetricFilter,
  comparison: Pick<MetricFilter, 'from' | 'to'>,
  limit = 3,
  options: FigureOptions = {},
): Promise<SourceChanges> {
  const before = { ...filter, from: comparison.from, to: comparison.to };
  const perSource = (await rollupsServe(db, filter, options))
    ? fromRollups(filter, before)
    : fromLeads(filter, before);
  const t = changeThresholds;
  const rows = await selectRows<Row & Partial<SourceChange> & { kind: string }>(
    db,
    sql`
    with per_source as (${perSource}),
    totals as (select * from per_source where level = 1),
    candidates as (
      select p.source_id, m.metric, m.cur, m.prev, m.cur - m.prev as change,
             (m.cur - m.prev) / m.prev as relative_change,
             (m.cur - m.prev) / nullif(m.total_prev, 0) as effect
      from per_source p cross join totals t
      cross join lateral (values
        ('salesReady', p.sr_cur, p.sr_prev, t.sr_prev, ${t.minSalesReady}::float8),
        ('pipeline', p.pipe_cur, p.pipe_prev, t.pipe_prev, ${t.minPipelineShare}::float8 * t.pipe_prev)
      ) m(metric, cur, prev, total_prev, min_base)
      where p.level = 0 and m.prev > 0 and m.prev >= m.min_base
        and abs(m.cur - m.prev) >= ${t.minRelativeChange}::float8 * m.prev
    ),
    ranked as (
      select distinct on (c.source_id) c.* from candidates c
      order by c.source_id, abs(c.effect) desc nulls last, c.metric desc
    )
    select 'change' as kind, r.metric, r.source_id as "sourceId", coalesce(s.name, 'Unknown') as source,
           coalesce(s.category, 'other') as category, r.cur as current, r.prev as previous,
           r.change, r.relative_change as "relativeChange", r.effect,
           null::float8 as "srCurrent", null::float8 as "srPrevious",
           null::float8 as "pipeCurrent", null::float8 as "pipePrevious"
    from (select * from ranked order by abs(effect) desc nulls last, source_id nulls last limit ${limit}) r
    left join sources s on s.id = r.source_id
    union all
    select 'totals', null, null, null, null, null, null, null, null, null,
           t.sr_cur, t.sr_prev, t.pipe_cur, t.pipe_prev
    from totals t`,
  );
  const totals = rows.find((r) => r.kind === 'totals');
  return {
    totals: {
      salesReady: { current: totals?.srCurrent ?? 0, previous: totals?.srPrevious ?? 0 },
      pipeline: { current: totals?.pipeCurrent ?? 0, previous: totals?.pipePrevious ?? 0 },
    },
    changes: rows
      .filter((r) => r.kind === 'change')
      .sort(
        (a, b) =>
          Math.abs(defined(b.effect)) - Math.abs(defined(a.effect)) ||
          (a.source ?? '').localeCompare(b.source ?? ''),
      )
      .map((r) => ({
        metric: defined(r.metric),
        sourceId: r.sourceId,
        source: defined(r.source),
        category: defined(r.category),
        current: defined(r.current),
        previous: defined(r.previous),
        change: defined(r.change),
        relativeChange: defined(r.relativeChange),
        effect: defined(r.effect),
      })),
  };
}

/* Per source (level 0) and in total (level 1): sr_cur, sr_prev, pipe_cur, pipe_prev, as float8. */

function fromLeads(filter: MetricFilter, before: MetricFilter): SQL {
  const nowEnd = rangeBounds(filter).hi;
  const thenEnd = rangeBounds(before).hi;
  const ready = (f: MetricFilter) => sql`(${inRange(sql`l.sales_ready_at`, f)})`;
  return sql`
    select grouping(l.source_id) as level, l.source_id,
           count(*) filter (where ${ready(filter)})::float8 as sr_cur,
           count(*) filter (where ${ready(before)})::float8 as sr_prev,
           coalesce(sum(l.amount) filter (where ${openOpportunityAt(nowEnd)}), 0)::float8 as pipe_cur,
           coalesce(sum(l.amount) filter (where ${openOpportunityAt(thenEnd)}), 0)::float8 as pipe_prev
    from leads l
    where (${ready(filter)} or ${ready(before)} or ${openOpportunityAt(nowEnd)} or ${openOpportunityAt(thenEnd)})
      and ${leadConditions(filter)}
    group by grouping sets ((l.source_id), ())`;
}

/** Pipeline at a day's end = opportunities opened before it − those closed before it (docs/metrics.md, "Rollups"). */
function fromRollups(filter: MetricFilter, before: MetricFilter): SQL {
  const pipelineAt = (to: string) => sql`
    coalesce(sum(l.amount) filter (where l.stage = 'opportunity' and l.day < ${to}::date), 0)
      - coalesce(sum(l.amount) filter (where l.stage = 'opportunity_closed' and l.day < ${to}::date), 0)`;
  const ready = (f: MetricFilter) => sql`l.stage = 'sales_ready' and ${inDays(f)}`;
  // ISO dates order as strings: the later of the two ends.
  const lastDay = defined([filter.to, before.to].sort()[1]);
  return sql`
    select grouping(l.source_id) as level, l.source_id,
           coalesce(sum(l.leads) filter (where ${ready(filter)}), 0)::float8 as sr_cur,
           coalesce(sum(l.leads) filter (where ${ready(before)}), 0)::float8 as sr_prev,
           (${pipelineAt(filter.to)})::float8 as pipe_cur,
           (${pipelineAt(before.to)})::float8 as pipe_prev
    from rollup_stage_days l
    where ((${ready(filter)}) or (${ready(before)})
           or (l.stage in ('opportunity', 'opportunity_closed') and l.day < ${lastDay}::date))
      and ${leadConditions(filter)}
    group by grouping sets ((l.source_id), ())`;
}
