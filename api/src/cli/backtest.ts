import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  calibratedRange,
  quantile,
  type RecordRow,
  trackRecordAt,
} from '@salesready/db/forecast/calibration';
import { runImport } from '@salesready/db/import/run-import';
import { addDays, type Period, quarterOfDate, shiftQuarter } from '@salesready/db/periods';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { type PacingMetric, pacingMetrics } from '@salesready/db/queries/pacing/quarter-shapes';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';

const usage = `npx tsx api/src/cli/backtest.ts [--leads N] [--now ISO] [--quarters N] [--inject SOURCE] [--drop F] [--surge F]
npx tsx api/src/cli/backtest.ts --data PRESET=FILE [--data PRESET=FILE …]
  Back-tests the pacing projection on demo data in an in-memory PGlite: for each week 1–13 of
  the last N complete quarters (default 8), projects as of that week and compares with the final:
  error, lean and how often the P10–P90 range held the final, per metric. Two of the quarters are
  made hard first: the third has a late surge (a share F, default 0.3, more leads in its last four
  weeks, copies of its own), and the last a collapsing source (a share F, default 0.4, of SOURCE's
  leads, default "Organic search", removed from its second week), where it also checks whether the
  gap radar names that source. With --data, on real files instead, each imported with its preset
  (e.g. maven-pipeline=…/sales_pipeline.csv, or olist-mqls then olist-deals): every calendar quarter
  the leads cover whole. Prints markdown.`;

interface Run {
  quarter: string;
  week: number;
  pacing: QuarterPacing;
}

async function project(db: Database, quarter: Period, week: number, firstDay: string | null): Promise<Run> {
  const w = pacingWindow({
    quarter: quarter.label,
    asOf: addDays(quarter.from, 7 * week - 1),
    timezone: 'UTC',
    fiscalYearStartMonth: 1,
    firstDataDate: firstDay,
  });
  const pacing = await quarterPacing(db, w, { from: quarter.from, to: quarter.to, timezone: 'UTC' });
  return { quarter: quarter.label, week, pacing };
}

async function finals(db: Database, quarter: Period): Promise<Record<PacingMetric, number>> {
  const w = pacingWindow({
    quarter: quarter.label,
    asOf: quarter.to,
    timezone: 'UTC',
    fiscalYearStartMonth: 1,
    firstDataDate: null,
  });
  const p = await quarterPacing(db, w, { from: quarter.from, to: quarter.to, timezone: 'UTC' });
  return Object.fromEntries(pacingMetrics.map((m) => [m, p.metrics[m].overall.actualToDate])) as Record<
    PacingMetric,
    number
  >;
}

const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const median = (values: number[]) => quantile(values, 0.5);
const signedPct = (v: number | null) =>
  v === null ? '–' : `${v >= 0 ? '+' : '−'}${(100 * Math.abs(v)).toFixed(1)}%`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string', default: '30000' },
      now: { type: 'string', default: '2026-11-23T15:30:00Z' },
      quarters: { type: 'string', default: '8' },
      surge: { type: 'string', default: '0.3' },
      inject: { type: 'string', default: 'Organic search' },
      drop: { type: 'string', default: '0.4' },
      data: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const handle = await createDb(undefined, { dataDir: 'memory://' });
  try {
    if (values.data?.length) {
      await runDataBacktest(handle.db, values.data);
    } else {
      await seedDemo(handle.db, { now: new Date(values.now), leads: Number(values.leads) });
      await runBacktest(handle.db, values);
    }
  } finally {
    await handle.close();
  }
}

type Bucket = Record<PacingMetric | 'naive', number[]> & {
  lean: Record<PacingMetric, number[]>;
  covered: Record<PacingMetric, number[]>;
};
interface Measured {
  /** Per week: |projection − final| ÷ final, its sign (lean) and whether the model's range held the final. */
  errors: Map<number, Bucket>;
  /** The same runs as the product's track record keeps them, for the calibrated range. */
  record: RecordRow[];
}

/** Projects each quarter as of the end of each of its weeks 1–13 and compares with its final. */
async function measure(db: Database, tested: Period[], firstDay: string | null): Promise<Measured> {
  const metricLists = () =>
    Object.fromEntries(pacingMetrics.map((m) => [m, [] as number[]])) as Record<PacingMetric, number[]>;
  const errors = new Map<number, Bucket>();
  const record: RecordRow[] = [];
  for (const quarter of tested) {
    const final = await finals(db, quarter);
    for (let week = 1; week <= 13; week++) {
      const { pacing } = await project(db, quarter, week, firstDay);
      const bucket: Bucket = errors.get(week) ?? {
        ...metricLists(),
        naive: [],
        lean: metricLists(),
        covered: metricLists(),
      };
      for (const m of pacingMetrics) {
        const o = pacing.metrics[m].overall;
        record.push({
          quarter: quarter.label,
          week,
          metric: m,
          actualToDate: o.actualToDate,
          projection: o.projection,
          low: o.projectionLow,
          high: o.projectionHigh,
          final: final[m],
        });
        if (final[m] > 0) {
          bucket[m].push(Math.abs(o.projection - final[m]) / final[m]);
          bucket.lean[m].push((o.projection - final[m]) / final[m]);
        }
        bucket.covered[m].push(
          final[m] >= o.projectionLow - 1e-9 && final[m] <= o.projectionHigh + 1e-9 ? 1 : 0,
        );
      }
      const srl = pacing.metrics.salesReady.overall;
      const naive = (srl.actualToDate * pacing.daysInQuarter) / Math.max(1, pacing.daysElapsed);
      if (final.salesReady > 0) bucket.naive.push(Math.abs(naive - final.salesReady) / final.salesReady);
      errors.set(week, bucket);
    }
  }
  return { errors, record };
}

/** The accuracy, the model range's coverage and the calibrated range's, by week, as markdown. */
function printAccuracy({ errors, record }: Measured, quarters: number): void {
  console.log(
    'Median absolute percentage error of the end-of-quarter projection ("SRL naive": actual ÷ elapsed share of days), and its lean (median signed error: + projects high):\n',
  );
  console.log(
    '| week | leads | SRLs | pipeline | revenue | SRL naive | lean: leads | SRLs | pipeline | revenue |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [week, b] of errors) {
    const lean = pacingMetrics.map((m) => signedPct(median(b.lean[m]))).join(' | ');
    console.log(
      `| ${week} | ${pct(median(b.leads))} | ${pct(median(b.salesReady))} | ${pct(median(b.pipeline))} | ${pct(median(b.revenue))} | ${pct(median(b.naive))} | ${lean} |`,
    );
  }
  console.log(
    '\nHow often the final fell inside the projected P10–P90 range (an 80% range should hold it about 80% of the time):\n',
  );
  console.log('| week | leads | SRLs | pipeline | revenue |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const [week, b] of errors) {
    console.log(`| ${week} | ${pacingMetrics.map((m) => pct(mean(b.covered[m]))).join(' | ')} |`);
  }
  console.log(
    `\nThe calibrated range (what the product shows once four quarters are kept): each quarter's range made from the other ${quarters - 1} quarters' misses (final ÷ projection − 1) at weeks w−1 to w+1, bounded by the k-th smallest and largest, k = ⌊(n + 1) × 0.1⌋ (docs/decisions/0025); how often it held the final, and its median width ÷ final beside the model's ("–": fewer than four quarters, the product keeps the model's range):\n`,
  );
  console.log('| week | held: leads | SRLs | pipeline | revenue | width: SRLs | model | revenue | model |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (let week = 1; week <= 13; week++) {
    const held = pacingMetrics.map((m) => pct(trackRecordAt(record, m, week).coverage)).join(' | ');
    const widths = (['salesReady', 'revenue'] as const).map((m) => {
      const rows = record.filter((r) => r.metric === m && r.week === week && r.final > 0);
      const calibrated = rows.map((r) => {
        const range = calibratedRange(record, m, week, r, r.quarter);
        return range ? (range.high - range.low) / r.final : Number.NaN;
      });
      const model = rows.map((r) => (r.high - r.low) / r.final);
      return `${pct(median(calibrated.filter(Number.isFinite)))} | ${pct(median(model))}`;
    });
    console.log(`| ${week} | ${held} | ${widths.join(' | ')} |`);
  }
}

/**
 * The back-test on real data: each `preset=path` file imported as the product imports it, then every
 * calendar quarter the leads cover from its first week to its end, projected week by week.
 */
async function runDataBacktest(db: Database, files: string[]): Promise<void> {
  const started = performance.now();
  const loaded: string[] = [];
  for (const file of files) {
    const at = file.indexOf('=');
    if (at < 1) throw new Error(`--data takes preset=path, got ${file}`);
    const [preset, path] = [file.slice(0, at), file.slice(at + 1)];
    const report = await runImport(db, { path, fileName: basename(path), preset, timezone: 'UTC' });
    loaded.push(`${basename(path)} (${preset}: ${report.inserted} new, ${report.updated} updated)`);
  }
  const firstDay = await firstLeadDate(db, 'UTC');
  const [last] = await selectRows<{ day: string | null }>(
    db,
    sql`select to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD') as day from leads`,
  );
  if (!firstDay || !last?.day) throw new Error('the files hold no lead');
  const tested: Period[] = [];
  for (let q = quarterOfDate(firstDay, 1); q.to <= addDays(last.day, 1); q = shiftQuarter(q.label, 1, 1)) {
    if (addDays(q.from, 7) >= firstDay) tested.push(q);
  }
  if (tested.length === 0) throw new Error('the leads cover no whole quarter');
  console.log(`## Pacing back-test on ${loaded.join(', ')}\n`);
  console.log(
    `Leads created ${firstDay} to ${last.day}; over ${tested.map((q) => q.label).join(', ')}, each projected as of the end of each week 1–13 (calendar quarters, UTC).\n`,
  );
  printAccuracy(await measure(db, tested, firstDay), tested.length);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

/** The back-test on a seeded database (exported so a pre-seeded copy can be reused while tuning). */
export async function runBacktest(
  db: Database,
  values: { leads: string; now: string; quarters: string; inject: string; drop: string; surge?: string },
): Promise<void> {
  const started = performance.now();
  const now = new Date(values.now);
  const firstDay = await firstLeadDate(db, 'UTC');
  const currentLabel = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const quarterCount = Number(values.quarters);
  const tested = Array.from({ length: quarterCount }, (_, i) =>
    shiftQuarter(currentLabel, -quarterCount + i, 1),
  );

  // A late surge: a share of the third quarter's leads of its last four weeks, copied once more.
  const surged = defined(tested[Math.min(2, tested.length - 1)]);
  const surge = Number(values.surge ?? '0.3');
  const [copied] = await selectRows<{ n: number }>(
    db,
    sql`with copied as (
      insert into leads (external_id, origin_system, created_at, source_id, campaign, company, segment, country,
        owner, mql_at, crm_sales_ready_at, sales_ready_at, accepted_at, opportunity_at, won_at, lost_at,
        disqualified_at, budget, authority, need, timeframe, score, amount, status, stage)
      select 'surge-' || external_id, origin_system, created_at, source_id, campaign, company, segment, country,
        owner, mql_at, crm_sales_ready_at, sales_ready_at, accepted_at, opportunity_at, won_at, lost_at,
        disqualified_at, budget, authority, need, timeframe, score, amount, status, stage
      from leads
      where created_at >= (${addDays(surged.to, -28)}::date::timestamp at time zone 'UTC')
        and created_at < (${surged.to}::date::timestamp at time zone 'UTC')
        and (id * 2654435761) % 1000 < ${Math.round(surge * 1000)}
      returning 1)
    select count(*)::int as n from copied`,
  );

  // A known shortfall: part of one source's leads removed from week 2 of the last complete quarter.
  const injected = defined(tested[tested.length - 1]);
  const drop = Number(values.drop);
  const [source] = await selectRows<{ id: number }>(
    db,
    sql`select id from sources where name = ${values.inject}`,
  );
  if (!source) throw new Error(`no source named ${values.inject}`);
  const [removed] = await selectRows<{ n: number }>(
    db,
    sql`with gone as (
      delete from leads
      where source_id = ${source.id}
        and created_at >= (${addDays(injected.from, 7)}::date::timestamp at time zone 'UTC')
        and created_at < (${injected.to}::date::timestamp at time zone 'UTC')
        and (id * 2654435761) % 1000 < ${Math.round(drop * 1000)}
      returning 1)
    select count(*)::int as n from gone`,
  );

  const measured = await measure(db, tested, firstDay);

  const radar: string[] = [];
  for (let week = 1; week <= 13; week++) {
    const { pacing } = await project(db, injected, week, firstDay);
    const explained = pacing.metrics.salesReady.explained;
    const largest = explained?.largest ?? null;
    const named = largest?.source === values.inject;
    radar.push(
      `| ${week} | ${pct(explained ? explained.gap / (pacing.metrics.salesReady.overall.target ?? 1) : null)} | ${largest?.source ?? '–'} | ${largest ? pct(largest.shareOfGap) : '–'} | ${largest?.cause ?? '–'} | ${named ? 'yes' : 'no'} |`,
    );
  }

  console.log(`## Pacing back-test (demo data: ${values.leads} leads, now ${values.now})\n`);
  console.log(
    `Over ${tested.map((q) => q.label).join(', ')}, each projected as of the end of each week 1–13. ${surged.label} has a late surge (${copied?.n ?? 0} leads of its last four weeks copied once more, ${pct(surge)}); ${injected.label} a collapsing source (${removed?.n ?? 0} "${values.inject}" leads, ${pct(drop)}, removed from its second week).\n`,
  );
  printAccuracy(measured, tested.length);
  console.log(
    `\nInjected shortfall: ${removed?.n ?? 0} "${values.inject}" leads (${pct(drop)}) removed from day 8 of ${injected.label}. Largest contributor to the projected SRL gap, as of each week:\n`,
  );
  console.log(
    '| week | SRL gap ÷ target | largest contributor | its share of the gap | cause | names the injected source |',
  );
  console.log('|---:|---:|---|---:|---|---|');
  for (const line of radar) console.log(line);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((error: unknown) => {
    console.error(
      `backtest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  });
