import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, type Database, selectRows } from '@salesready/db/client';
import { type Period, shiftQuarter } from '@salesready/db/periods';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { type PacingMetric, pacingMetrics } from '@salesready/db/queries/pacing/quarter-shapes';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';

const usage = `npx tsx api/src/cli/backtest.ts [--leads N] [--now ISO] [--quarters N] [--inject SOURCE] [--drop F]
  Back-tests the pacing projection on demo data in an in-memory PGlite: for each week 1–13 of
  the last N complete quarters (default 6), projects as of that week and compares with the final.
  Then removes a share F (default 0.4) of SOURCE's leads (default "Organic search") from the second
  week of the last complete quarter and checks whether the gap radar names it. Prints markdown.`;

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string', default: '30000' },
      now: { type: 'string', default: '2026-11-23T15:30:00Z' },
      quarters: { type: 'string', default: '6' },
      inject: { type: 'string', default: 'Organic search' },
      drop: { type: 'string', default: '0.4' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const handle = await createDb(undefined, { dataDir: 'memory://' });
  try {
    await seedDemo(handle.db, { now: new Date(values.now), leads: Number(values.leads) });
    await runBacktest(handle.db, values);
  } finally {
    await handle.close();
  }
}

/** The back-test on a seeded database (exported so a pre-seeded copy can be reused while tuning). */
export async function runBacktest(
  db: Database,
  values: { leads: string; now: string; quarters: string; inject: string; drop: string },
): Promise<void> {
  const started = performance.now();
  const now = new Date(values.now);
  {
    const firstDay = await firstLeadDate(db, 'UTC');
    const currentLabel = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const quarterCount = Number(values.quarters);
    const tested = Array.from({ length: quarterCount }, (_, i) =>
      shiftQuarter(currentLabel, -quarterCount + i, 1),
    );

    // 1. Accuracy on the demo history: |projection − final| ÷ final, by week.
    const errors = new Map<number, Record<PacingMetric | 'naive' | 'covered', number[]>>();
    for (const quarter of tested) {
      const final = await finals(db, quarter);
      for (let week = 1; week <= 13; week++) {
        const { pacing } = await project(db, quarter, week, firstDay);
        const bucket =
          errors.get(week) ??
          ({ leads: [], salesReady: [], pipeline: [], revenue: [], naive: [], covered: [] } as Record<
            PacingMetric | 'naive' | 'covered',
            number[]
          >);
        for (const m of pacingMetrics) {
          if (final[m] > 0)
            bucket[m].push(Math.abs(pacing.metrics[m].overall.projection - final[m]) / final[m]);
        }
        const srl = pacing.metrics.salesReady.overall;
        const naive = (srl.actualToDate * pacing.daysInQuarter) / Math.max(1, pacing.daysElapsed);
        if (final.salesReady > 0) bucket.naive.push(Math.abs(naive - final.salesReady) / final.salesReady);
        bucket.covered.push(
          final.salesReady >= srl.projectionLow - 1e-9 && final.salesReady <= srl.projectionHigh + 1e-9
            ? 1
            : 0,
        );
        errors.set(week, bucket);
      }
    }

    // 2. A known shortfall: part of one source's leads removed from week 2 of the last complete quarter.
    const injected = tested[tested.length - 1]!;
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
      `Mean absolute percentage error of the end-of-quarter projection, by week of the quarter it was made in, over ${tested.map((q) => q.label).join(', ')}. "SRL naive" is actual ÷ elapsed share of days; "SRL in P10–P90" is how often the final fell in the projected range.\n`,
    );
    console.log('| week | leads | SRLs | pipeline | revenue | SRL naive | SRL in P10–P90 |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    for (const [week, b] of errors) {
      console.log(
        `| ${week} | ${pct(mean(b.leads))} | ${pct(mean(b.salesReady))} | ${pct(mean(b.pipeline))} | ${pct(mean(b.revenue))} | ${pct(mean(b.naive))} | ${pct(mean(b.covered))} |`,
      );
    }
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
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((error: unknown) => {
    console.error(
      `backtest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  });
