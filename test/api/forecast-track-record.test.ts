import { trackRecordSentence } from '@salesready/api/figures/track-record-words';
import { forecastTrackRecord } from '@salesready/api/jobs/kinds/forecast-track-record';
import { runDueJobs } from '@salesready/api/jobs/runner';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { calibratedRange, trackRecordAt } from '@salesready/db/forecast/calibration';
import { readTrackRecord } from '@salesready/db/forecast/track-record';
import { enqueueJob, readJob } from '@salesready/db/jobs/queue';
import { addDays, daysBetween, shiftQuarter } from '@salesready/db/periods';
import { pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plainWords, readChunks, readPdf } from '../helpers/export-files';
import { addSource } from '../helpers/factories';
import { type FunnelLead, insertFunnelLeads } from '../helpers/pacing-fixtures';
import { cookieFor, thisQuarter } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Four closed quarters before this one (calendar quarters, UTC), each with a different number of
// leads a day and more of them late in the quarter than early, so the projections miss by differing
// amounts; and this quarter so far.
const current = thisQuarter();
const past = [-4, -3, -2, -1].map((by) => shiftQuarter(current.label, by, 1));
const perDay = [2, 3, 2, 4];
const today = new Date().toISOString().slice(0, 10);
// The weeks of this quarter that are over: the coverage trend's points.
const weeksOver = Math.min(13, Math.floor(daysBetween(current.start.toISOString().slice(0, 10), today) / 7));

function quarterLeads(
  from: string,
  to: string,
  rate: number,
  prefix: string,
  sourceId: number,
): FunnelLead[] {
  const leads: FunnelLead[] = [];
  for (let day = from, n = 0; day < to; day = addDays(day, 1), n++) {
    // The last month of a quarter gets one lead a day more.
    const count = rate + (addDays(day, 31) >= to ? 1 : 0);
    for (let i = 0; i < count; i++) {
      // Every third day's first lead opens a 1,000 opportunity two days later (before today), which
      // every other of them wins 30 days after: pipeline to project and carry into next quarter.
      const deal = i === 0 && n % 3 === 0 && addDays(day, 2) < today;
      const won = deal && n % 6 === 0 && addDays(day, 32) < today;
      leads.push({
        ...(deal && { opportunityAt: `${addDays(day, 2)}T12:00:00Z`, amount: 1000 }),
        ...(won && { wonAt: `${addDays(day, 32)}T12:00:00Z` }),
        externalId: `${prefix}-${n}-${i}`,
        createdAt: `${day}T${String(8 + i).padStart(2, '0')}:00:00Z`,
        sourceId,
      });
    }
  }
  return leads;
}

describeOnBackend('the forecast’s track record, kept by a job and shown next to the projection', () => {
  let t: TestApp;
  let cookie: string;
  let source: number;
  const finals: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestApp();
    source = await addSource(t.handle.db, 'Web');
    const leads = past.flatMap((q, i) => {
      const rows = quarterLeads(q.from, q.to, defined(perDay[i]), q.label, source);
      finals[q.label] = rows.length;
      return rows;
    });
    leads.push(...quarterLeads(current.start.toISOString().slice(0, 10), today, 3, 'now', source));
    await insertFunnelLeads(t.handle.db, leads);
    // A quarter the record no longer covers: the run removes it.
    await t.handle.db.execute(sql`insert into forecast_track_record
      (quarter, week, metric, actual_to_date, projection, low, high, final) values ('2001-Q1', 1, 'leads', 1, 1, 1, 1, 1)`);
    cookie = await cookieFor(t, 'executive');
  });
  afterAll(() => t?.close());

  it('projects every week of the last closed quarters, one quarter-week per slice, resuming where it stopped', async () => {
    const db = t.handle.db;
    const job = await enqueueJob(db, { kind: forecastTrackRecord.kind, key: 'test-track-record' });
    // A tick with no time to spare runs one slice: the run stops after the first week and goes on from there.
    const first = await runDueJobs(db, { kinds: [forecastTrackRecord], budgetMs: 0 });
    expect(first.jobs[0]).toMatchObject({ slices: 1, progress: { done: 1, total: 52 + weeksOver } });
    expect(
      await selectRows(
        db,
        sql`select quarter, week from forecast_track_record where metric = 'leads' and quarter <> '2001-Q1'`,
      ),
    ).toEqual([{ quarter: defined(past[0]).label, week: 1 }]);
    for (let tick = 0; tick < 60 && defined(await readJob(db, job.id)).status !== 'done'; tick++) {
      await runDueJobs(db, { kinds: [forecastTrackRecord], budgetMs: 5_000 });
    }
    expect(defined(await readJob(db, job.id))).toMatchObject({
      status: 'done',
      progress: { done: 52 + weeksOver, total: 52 + weeksOver },
    });

    const rows = await readTrackRecord(db);
    expect(rows).toHaveLength(4 * 13 * 4);
    expect(new Set(rows.map((r) => r.quarter))).toEqual(new Set(past.map((q) => q.label)));
    // Each quarter's final is its leads, counted by hand above.
    for (const q of past) {
      expect(rows.filter((r) => r.quarter === q.label && r.metric === 'leads').map((r) => r.final)).toEqual(
        Array(13).fill(finals[q.label]),
      );
    }
    // A week's row is the pacing page's projection as of that week's end.
    const q = defined(past[2]);
    const w = pacingWindow({
      quarter: q.label,
      asOf: addDays(q.from, 7 * 5 - 1),
      timezone: 'UTC',
      fiscalYearStartMonth: 1,
      firstDataDate: defined(past[0]).from,
    });
    const asOf = await quarterPacing(db, w, { from: q.from, to: q.to, timezone: 'UTC' });
    const kept = defined(rows.find((r) => r.quarter === q.label && r.week === 5 && r.metric === 'leads'));
    expect(kept.projection).toBeCloseTo(asOf.metrics.leads.overall.projection, 9);
    expect(kept.actualToDate).toBe(asOf.metrics.leads.overall.actualToDate);
    expect(kept.projection).not.toBe(kept.final);
  });

  it('calibrates the overall range from the record and states the record next to the projection', async () => {
    const rows = await readTrackRecord(t.handle.db);
    const asOf = addDays(current.start.toISOString().slice(0, 10), 26); // day 27: week 4
    const res = await t.app.request(`/api/metrics/pacing?asOf=${asOf}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = await res.json();
    const leads = body.metrics.leads;
    const range = defined(calibratedRange(rows, 'leads', 4, leads.overall));
    expect(leads.overall.projectionLow).toBeCloseTo(range.low, 6);
    expect(leads.overall.projectionHigh).toBeCloseTo(range.high, 6);
    expect(leads.trackRecord).toEqual({ ...trackRecordAt(rows, 'leads', 4), rangeFrom: 'record' });
    expect(leads.trackRecord).toMatchObject({ week: 4, quarters: 4, tooShort: false });
    expect(leads.trackRecord.medianAbsError).toBeGreaterThan(0);
  });

  it('prints the same track record in the board pack, under the pacing table', async () => {
    const body = await (await t.app.request('/api/metrics/pacing', { headers: { cookie } })).json();
    const res = await t.app.request(`/api/reports/board-pack.pdf?quarter=${current.label}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const text = plainWords((await readPdf((await readChunks(res)).bytes)).text.join(' '));
    expect(text).toContain('The forecast’s track record');
    const sentence = trackRecordSentence(body.metrics.leads.trackRecord);
    expect(sentence).toMatch(
      /^At week \d+, this projection has been within 10% of the final in \d of the last 4 quarters/,
    );
    expect(text).toContain(plainWords(`Leads: ${sentence}`));
  });

  it('keeps next quarter’s coverage as projected at the end of each week of this quarter that is over', async () => {
    const db = t.handle.db;
    const trend = await selectRows<{ week: number; asOf: string; startingPipeline: number }>(
      db,
      sql`select week::int as week, as_of::text as "asOf", starting_pipeline as "startingPipeline"
        from forecast_weeks where quarter = ${current.label} order by week`,
    );
    expect(trend.map((r) => r.week)).toEqual(Array.from({ length: weeksOver }, (_, i) => i + 1));
    if (weeksOver === 0) return;
    // A point is the pacing page's next quarter as of that week's end.
    const week = defined(trend.at(-1));
    expect(week.asOf).toBe(addDays(current.start.toISOString().slice(0, 10), 7 * week.week - 1));
    const body = await (
      await t.app.request(`/api/metrics/pacing?asOf=${week.asOf}`, { headers: { cookie } })
    ).json();
    expect(body.nextQuarter.trend.map((r: { week: number }) => r.week)).toEqual(trend.map((r) => r.week));
    expect(body.nextQuarter.startingPipeline).toBeGreaterThan(0);
    expect(body.nextQuarter.trend.at(-1).startingPipeline).toBeCloseTo(body.nextQuarter.startingPipeline, 6);
    // As of an earlier day, only the weeks over by then.
    const earlier = await (
      await t.app.request(`/api/metrics/pacing?asOf=${addDays(week.asOf, -1)}`, { headers: { cookie } })
    ).json();
    expect(earlier.nextQuarter.trend).toHaveLength(weeksOver - 1);
  });

  it('keeps the model’s range, with no record, for one source (the record is the whole company’s)', async () => {
    const body = await (
      await t.app.request(`/api/metrics/pacing?source=${source}`, { headers: { cookie } })
    ).json();
    expect(body.metrics.leads.trackRecord).toBeUndefined();
  });

  it('says the record is too short with fewer than four quarters, and keeps the model’s range', async () => {
    const db = t.handle.db;
    const model = await (
      await t.app.request(`/api/metrics/pacing?source=${source}`, { headers: { cookie } })
    ).json();
    await db.execute(sql`delete from forecast_track_record where quarter = ${defined(past[0]).label}`);
    const body = await (await t.app.request('/api/metrics/pacing', { headers: { cookie } })).json();
    expect(body.metrics.leads.trackRecord).toMatchObject({
      quarters: 3,
      tooShort: true,
      rangeFrom: 'model',
      coverage: null,
    });
    // One source is all the leads here: the unfiltered model range is the filtered one.
    expect(body.metrics.leads.overall.projectionLow).toBeCloseTo(
      model.metrics.leads.overall.projectionLow,
      6,
    );
    expect(body.metrics.leads.overall.projectionHigh).toBeCloseTo(
      model.metrics.leads.overall.projectionHigh,
      6,
    );
  });
});
