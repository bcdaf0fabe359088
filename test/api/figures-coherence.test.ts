import { type FigureId, figureCatalogue } from '@salesready/api/figures/catalogue';
import { boardPackData } from '@salesready/api/reports/board-pack/data';
import { figureAnswerSchema } from '@salesready/api/schemas/responses';
import { defined } from '@salesready/db/defined';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readChunks, recordsOf, splitCsv } from '../helpers/export-files';
import { seedMetricsFixture } from '../helpers/metrics-fixture';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: answers are walked by path, as a reader of the JSON would.
type Json = any;
type Seen = { where: string; id: FigureId; value: number | null };

/**
 * One figure, one value: every surface that shows a catalogued figure (the dashboard's endpoints, an
 * export, the board pack's figures and the share view) is read for the same quarter and compared with
 * `GET /api/figures`. Each line below says where a figure appears and which catalogued figure it is.
 */
async function everywhere(t: TestApp, cookie: string, quarter: string): Promise<Seen[]> {
  const get = async (path: string): Promise<Json> => {
    const res = await t.app.request(path, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const q = `quarter=${quarter}`;
  const seen: Seen[] = [];
  const at = (where: string, id: FigureId, value: number | null) => seen.push({ where, id, value });

  const overview = await get(`/api/metrics/overview?${q}`);
  const k = overview.kpis;
  const d = overview.details;
  at('overview kpis.leads', 'leads', k.leads.value);
  at('overview kpis.salesReady', 'srls', k.salesReady.value);
  at('overview kpis.salesReadyRate', 'srlRate', k.salesReadyRate.value);
  at('overview kpis.medianDaysToSalesReady', 'medianDaysToSrl', k.medianDaysToSalesReady.value);
  at('overview kpis.wonRevenue', 'wonRevenue', k.wonRevenue.value);
  at('overview details.mqls', 'mqls', d.mqls.value);
  at('overview details.p75DaysToSalesReady', 'p75DaysToSrl', d.p75DaysToSalesReady.value);
  at('overview details.meanBantScore', 'meanBantScore', d.meanBantScore.value);
  at('overview details.medianTouchesToSalesReady', 'medianTouchesToSrl', d.medianTouchesToSalesReady.value);
  at('overview details.touches7To15', 'touches7To15Share', d.touchesToSalesReady7To15Share.value);
  at('overview details.leadVelocityRate', 'leadVelocityRate', d.leadVelocityRate.value);
  at('overview details.opportunities', 'opportunities', d.opportunities.value);
  at('overview details.won', 'won', d.won.value);
  at('overview details.lost', 'lost', d.lost.value);
  at('overview details.pipeline', 'openPipeline', d.pipeline.value);
  at('overview details.winRate', 'winRate', d.winRate.value);
  at('overview details.medianSalesCycleDays', 'salesCycleDays', d.medianSalesCycleDays.value);

  const cohort = (await get(`/api/metrics/sources?${q}&view=cohort`)).totals;
  at('sources (cohort) leads', 'leads', cohort.leads);
  at('sources (cohort) mqls', 'cohortMqls', cohort.mqls);
  at('sources (cohort) salesReady', 'cohortSrls', cohort.salesReady);
  at('sources (cohort) salesReadyRate', 'srlRate', cohort.salesReadyRate);
  at('sources (cohort) opportunities', 'cohortOpportunities', cohort.opportunities);
  at('sources (cohort) won', 'cohortWon', cohort.won);
  at('sources (cohort) revenue', 'cohortRevenue', cohort.revenue);
  at(
    'sources (cohort) salesReadyToOpportunity',
    'cohortSrlToOpportunityRate',
    cohort.salesReadyToOpportunity,
  );
  at('sources (cohort) opportunityToWon', 'cohortOpportunityToWonRate', cohort.opportunityToWon);
  at('sources (cohort) wonRate', 'cohortLeadToWonRate', cohort.wonRate);
  at('sources (cohort) medianDaysToSalesReady', 'cohortMedianDaysToSrl', cohort.medianDaysToSalesReady);
  at('sources (cohort) p75DaysToSalesReady', 'cohortP75DaysToSrl', cohort.p75DaysToSalesReady);
  at('sources (cohort) spend', 'spend', cohort.spend);
  at('sources (cohort) costPerLead', 'costPerLead', cohort.costPerLead);
  at('sources (cohort) costPerSalesReady', 'cohortCostPerSrl', cohort.costPerSalesReady);

  const period = (await get(`/api/metrics/sources?${q}&view=period`)).totals;
  at('sources (period) leads', 'leads', period.leads);
  at('sources (period) mqls', 'mqls', period.mqls);
  at('sources (period) salesReady', 'srls', period.salesReady);
  at('sources (period) opportunities', 'opportunities', period.opportunities);
  at('sources (period) won', 'won', period.won);
  at('sources (period) revenue', 'wonRevenue', period.revenue);
  at('sources (period) medianDaysToSalesReady', 'medianDaysToSrl', period.medianDaysToSalesReady);
  at('sources (period) p75DaysToSalesReady', 'p75DaysToSrl', period.p75DaysToSalesReady);
  at('sources (period) spend', 'spend', period.spend);
  at('sources (period) costPerSalesReady', 'costPerSrl', period.costPerSalesReady);

  const trend = await get(`/api/metrics/trend?${q}&grain=week`);
  const sum = (key: string) => trend.points.reduce((s: number, p: Json) => s + p[key], 0);
  at('trend Σ weekly leads', 'leads', sum('leads'));
  at('trend Σ weekly SRLs', 'srls', sum('salesReady'));

  const marketing = (await get(`/api/metrics/attribution?${q}`)).marketing;
  at('attribution pipeline.sourced', 'marketingSourcedPipeline', marketing.pipeline.sourced);
  at('attribution pipeline.influenced', 'marketingInfluencedPipeline', marketing.pipeline.influenced);
  at('attribution pipeline.total', 'openPipeline', marketing.pipeline.total);
  at('attribution revenue.sourced', 'marketingSourcedRevenue', marketing.revenue.sourced);
  at('attribution revenue.influenced', 'marketingInfluencedRevenue', marketing.revenue.influenced);
  at('attribution revenue.total', 'wonRevenue', marketing.revenue.total);

  const pacing = await get(`/api/metrics/pacing?${q}`);
  const paced = {
    leads: 'leads',
    salesReady: 'srls',
    pipeline: 'pipelineCreated',
    revenue: 'wonRevenue',
  } as const;
  for (const [metric, id] of Object.entries(paced)) {
    const overall = pacing.metrics[metric].overall;
    at(`pacing ${metric}.target`, `target.${id}`, overall.target);
    at(`pacing ${metric}.projection`, `projection.${id}`, overall.projection);
    at(`pacing ${metric}.gap`, `gap.${id}`, overall.gap);
    // What happened so far is the figure itself: the quarter's whole, once it has ended.
    if (pacing.daysElapsed >= pacing.daysInQuarter)
      at(`pacing ${metric}.actualToDate`, id, overall.actualToDate);
  }

  // The Pacing page's next-quarter card.
  const next = pacing.nextQuarter;
  at('pacing nextQuarter.openPipelineNow', 'nextQuarter.openPipeline', next.openPipelineNow);
  at('pacing nextQuarter.startingPipeline', 'nextQuarter.startingPipeline', next.startingPipeline);
  at('pacing nextQuarter.winRate', 'nextQuarter.winRate', next.winRate);
  at('pacing nextQuarter.slippage', 'nextQuarter.slippage', next.slippage);
  at('pacing nextQuarter.coverageNeeded', 'nextQuarter.coverageNeeded', next.coverageNeeded);
  at('pacing nextQuarter.requiredPipeline', 'nextQuarter.requiredPipeline', next.requiredPipeline);
  at('pacing nextQuarter.coverage', 'nextQuarter.coverage', next.coverage);

  const handoff = await get(`/api/metrics/handoff?${q}`);
  at('hand-off slaAttainment', 'slaAttainment', handoff.overall.slaAttainment);
  at(
    'hand-off medianHours ÷ 24',
    'medianDaysToFollowUp',
    handoff.overall.medianHours === null ? null : handoff.overall.medianHours / 24,
  );
  at('hand-off neglected', 'neglectedSrls', handoff.neglected);
  at('hand-off stalled', 'stalledSrls', handoff.stalled);

  const csv = await t.app.request(`/api/exports/sources.csv?${q}&view=period&about=omit`, {
    headers: { cookie },
  });
  const text = new TextDecoder().decode((await readChunks(csv)).bytes);
  const csvTotal = defined(recordsOf((await splitCsv(text)).rows).at(-1));
  at('sources.csv (period) total Leads', 'leads', Number(csvTotal.Leads));
  at('sources.csv (period) total SRLs', 'srls', Number(csvTotal.SRLs));

  const pack = await boardPackData(t.handle.db, quarter);
  at('board pack kpis.leads', 'leads', pack.kpis.leads.value);
  at('board pack kpis.salesReady', 'srls', pack.kpis.salesReady.value);
  at('board pack kpis.salesReadyRate', 'srlRate', pack.kpis.salesReadyRate.value);
  at('board pack kpis.wonRevenue', 'wonRevenue', pack.kpis.wonRevenue.value);
  at('board pack details.pipeline', 'openPipeline', pack.details.pipeline.value);
  at('board pack details.winRate', 'winRate', pack.details.winRate.value);
  at('board pack sources (period) salesReady', 'srls', pack.sources.totals.salesReady);
  at('board pack sources (period) revenue', 'wonRevenue', pack.sources.totals.revenue);
  at('board pack marketing revenue.sourced', 'marketingSourcedRevenue', pack.marketing.revenue.sourced);
  at('board pack neglected', 'neglectedSrls', pack.neglected);
  at('board pack stalled', 'stalledSrls', pack.stalled);
  at('board pack pacing SRL gap', 'gap.srls', pack.pacing.metrics.salesReady.overall.gap);

  // The lead list behind each headline figure counts the same leads (the KPI tiles open it).
  const total = async (params: string) => (await get(`/api/leads?${q}&pageSize=1&${params}`)).total as number;
  at('lead list, created in the quarter', 'leads', await total('dateStage=lead'));
  at('lead list, sales-ready in the quarter', 'srls', await total('dateStage=salesReady'));
  at('lead list, opportunity in the quarter', 'opportunities', await total('dateStage=opportunity'));
  at('lead list, won in the quarter', 'won', await total('dateStage=won'));
  at(
    'lead list, created and reached sales-ready',
    'cohortSrls',
    await total('dateStage=lead&reached=salesReady'),
  );

  const link = await t.app.request('/api/reports/share-links', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ quarter, days: 7 }),
  });
  expect(link.status).toBe(201);
  const shared = await (await t.app.request(`/api/share/${(await link.json()).token}`)).json();
  at('share view kpis.leads', 'leads', shared.kpis.leads.value);
  at('share view kpis.salesReady', 'srls', shared.kpis.salesReady.value);
  at('share view kpis.wonRevenue', 'wonRevenue', shared.kpis.wonRevenue.value);
  at('share view details.pipeline', 'openPipeline', shared.details.pipeline.value);
  at('share view sources totals.salesReady', 'srls', shared.sources.totals.salesReady);
  return seen;
}

async function catalogueValues(t: TestApp, cookie: string, quarter: string) {
  const res = await t.app.request(`/api/figures?quarter=${quarter}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const body = figureAnswerSchema.parse(await res.json());
  expect(body.period.label).toBe(quarter);
  expect(body.figures.map((f) => f.id)).toEqual(figureCatalogue.map((e) => e.id));
  const labels = body.figures.map((f) => f.label);
  expect(new Set(labels).size).toBe(labels.length);
  return new Map<string, number | null>(body.figures.map((f) => [f.id, f.value]));
}

function expectCoherent(values: Map<string, number | null>, seen: Seen[]) {
  const disagree = seen
    .filter(({ id, value }) => {
      const figure = values.get(id);
      if (figure === undefined) return true;
      if (figure === null || value === null) return figure !== value;
      return Math.abs(figure - value) > 1e-9 * Math.max(1, Math.abs(figure));
    })
    .map((s) => `${s.where}: ${s.value} ≠ ${s.id} ${values.get(s.id)}`);
  expect(disagree).toEqual([]);
}

describeOnBackend('one figure, one value, on a hand-computed quarter', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await openTestApp();
    await seedMetricsFixture(t.handle.db);
    cookie = await cookieFor(t, 'executive');
  });
  afterAll(() => t?.close());

  it('answers the catalogue with the hand-computed figures of 2025-Q1', async () => {
    const values = await catalogueValues(t, cookie, '2025-Q1');
    expect(
      Object.fromEntries(
        [
          'leads',
          'srls',
          'cohortSrls',
          'opportunities',
          'cohortOpportunities',
          'openPipeline',
          'pipelineCreated',
          'wonRevenue',
          'cohortRevenue',
        ].map((id) => [id, values.get(id)]),
      ),
    ).toEqual({
      leads: 9,
      srls: 5,
      cohortSrls: 5,
      opportunities: 5,
      cohortOpportunities: 4,
      openPipeline: 2400,
      pipelineCreated: 6900,
      wonRevenue: 4700,
      cohortRevenue: 4700,
    });
  });

  it('shows each figure with the same value on every screen, export and page of the closed quarter', async () => {
    expectCoherent(await catalogueValues(t, cookie, '2025-Q1'), await everywhere(t, cookie, '2025-Q1'));
  });
});

describeOnBackend('one figure, one value, on the demo data', () => {
  let t: TestApp;
  let cookie: string;
  let current: string;
  let previous: string;
  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.handle.db, { now: new Date(), leads: 3000 });
    cookie = await cookieFor(t, 'executive');
    const overview = await (await t.app.request('/api/metrics/overview', { headers: { cookie } })).json();
    current = overview.period.label;
    previous = overview.previous.label;
  }, 240_000);
  afterAll(() => t?.close());

  for (const which of ['in progress', 'closed'] as const) {
    it(`agrees everywhere for the ${which} quarter`, async () => {
      const quarter = which === 'in progress' ? current : previous;
      expectCoherent(await catalogueValues(t, cookie, quarter), await everywhere(t, cookie, quarter));
    });
  }
});
