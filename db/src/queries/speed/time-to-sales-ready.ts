import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { defined } from '../../defined';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import { intArray, type MetricFilter, ratioSql } from '../filter';
import { salesReadyFacts } from './sales-ready-facts';

/** Lower bounds, in days, of the histogram's buckets; the last one is open-ended (90+ days). */
export const dayBucketStarts = [0, 1, 3, 7, 14, 30, 60, 90] as const;
/** Touches are counted one bucket per count up to this one, which holds it and every higher count. */
export const maxTouchBucket = 30;

/** How fast one group of the period's SRLs became sales-ready. */
export interface SpeedFigures {
  /** Leads that became sales-ready in the period. */
  salesReady: number;
  /** Of those, the ones sales-ready at or after creation: the ones the figures below describe. */
  measured: number;
  medianDaysToSalesReady: number | null;
  p75DaysToSalesReady: number | null;
  medianTouchesToSalesReady: number | null;
  /** Share of the measured SRLs with 7 to 15 marketing touches (both included). */
  touchesToSalesReady7To15Share: number | null;
}

export interface SpeedSourceRow extends SpeedFigures {
  /** Null for the "Unknown" row: leads without a source. */
  sourceId: number | null;
  source: string;
  category: SourceCategory;
}

export interface DayBucket {
  /** Days created → sales-ready, from (inclusive) to (exclusive; null: no upper bound). */
  fromDays: number;
  toDays: number | null;
  leads: number;
}

export interface TouchBucket {
  touches: number;
  /** The last bucket: this many touches or more. */
  orMore: boolean;
  leads: number;
}

export interface SpeedReport {
  totals: SpeedFigures;
  bySource: SpeedSourceRow[];
  days: DayBucket[];
  touches: TouchBucket[];
}

interface Row extends SpeedFigures {
  kind: 'total' | 'source' | 'days' | 'touches';
  sourceId: number | null;
  source: string;
  category: SourceCategory;
  bucket: number | null;
}

/**
 * Time to sales-ready of the period's SRLs (docs/metrics.md, "Time to sales-ready"), in one statement over
 * their facts, so every part (medians, p75, histograms, per source) describes the same leads and the totals
 * equal the overview's figures for the same filter.
 */
export async function timeToSalesReady(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<SpeedReport> {
  const facts = salesReadyFacts(filter, await rollupsServe(db, filter, options));
  const thresholds = intArray(dayBucketStarts.slice(1));
  const figures = sql`
      count(*)::int as "salesReady",
      count(*) filter (where f.orderly)::int as measured,
      (percentile_cont(0.5) within group (order by f.days) filter (where f.orderly))::float8 as "medianDaysToSalesReady",
      (percentile_cont(0.75) within group (order by f.days) filter (where f.orderly))::float8 as "p75DaysToSalesReady",
      (percentile_cont(0.5) within group (order by f.touches) filter (where f.orderly))::float8 as "medianTouchesToSalesReady",
      ${ratioSql(
        sql`count(*) filter (where f.orderly and f.touches between 7 and 15)`,
        sql`count(*) filter (where f.orderly)`,
      )} as "touchesToSalesReady7To15Share"`;
  const histogram = sql`0 as "salesReady", count(f.orderly)::int as measured, null::float8, null::float8, null::float8, null::float8`;
  const rows = await selectRows<Row>(
    db,
    sql`
    with f (source_id, orderly, days, touches) as materialized (${facts}),
    r as (
      select case when grouping(f.source_id) = 1 then 'total' else 'source' end as kind,
             f.source_id, null::int as bucket, ${figures}
      from f group by grouping sets ((f.source_id), ())
      union all
      -- width_bucket: 0 below the first threshold (1 day), i for [threshold i, threshold i + 1).
      select 'days', null, g.b, ${histogram}
      from generate_series(0, ${dayBucketStarts.length - 1}) g(b)
      left join f on f.orderly and width_bucket(f.days, ${thresholds}::float8[]) = g.b
      group by g.b
      union all
      select 'touches', null, g.b, ${histogram}
      from generate_series(0, ${maxTouchBucket}) g(b)
      left join f on f.orderly and least(f.touches, ${maxTouchBucket}) = g.b
      group by g.b
    )
    select r.kind, r.source_id as "sourceId", coalesce(s.name, 'Unknown') as source,
           coalesce(s.category, 'other') as category, r.bucket,
           r."salesReady", r.measured, r."medianDaysToSalesReady", r."p75DaysToSalesReady",
           r."medianTouchesToSalesReady", r."touchesToSalesReady7To15Share"
    from r left join sources s on s.id = r.source_id
    order by r.kind, r."salesReady" desc, source, r.bucket`,
  );

  const speed = (r: Row | undefined): SpeedFigures => ({
    salesReady: r?.salesReady ?? 0,
    measured: r?.measured ?? 0,
    medianDaysToSalesReady: r?.medianDaysToSalesReady ?? null,
    p75DaysToSalesReady: r?.p75DaysToSalesReady ?? null,
    medianTouchesToSalesReady: r?.medianTouchesToSalesReady ?? null,
    touchesToSalesReady7To15Share: r?.touchesToSalesReady7To15Share ?? null,
  });
  const of = (kind: Row['kind']) => rows.filter((r) => r.kind === kind);
  return {
    totals: speed(of('total')[0]),
    bySource: of('source').map((r) => ({
      sourceId: r.sourceId,
      source: r.source,
      category: r.category,
      ...speed(r),
    })),
    days: of('days').map((r) => {
      const bucket = defined(r.bucket);
      return {
        fromDays: defined(dayBucketStarts[bucket]),
        toDays: dayBucketStarts[bucket + 1] ?? null,
        leads: r.measured,
      };
    }),
    touches: of('touches').map((r) => ({
      touches: defined(r.bucket),
      orMore: r.bucket === maxTouchBucket,
      leads: r.measured,
    })),
  };
}
