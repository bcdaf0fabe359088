import type { Contribution } from '@salesready/db/queries/attribution/marketing-contribution';
import { formatCount, formatMoney, formatMoneyShort, formatRate } from '../format';
import type { BoardPackData } from './data';
import { type Layout, palette } from './layout';
import { barChart } from './series-charts';

/** Volume, quality, conversion, cost per SRL by source; marketing-sourced and influenced revenue. */
export function drawSources(layout: Layout, data: BoardPackData): void {
  const { sources, currency } = data;
  const money = (n: number | null) => formatMoney(n, currency);
  layout.section(
    'Sources',
    'Period view: each figure counts the events that happened in the quarter (leads created, leads that became sales-ready, deals won), so the totals match the executive summary.',
    'sources',
  );
  const rows = sources.rows.filter((r) => r.leads > 0 || r.salesReady > 0 || r.revenue > 0);
  barChart(layout, {
    title: 'Lead volume and SRLs by source',
    categories: rows.map((r) => r.source),
    series: [
      { name: 'Leads', colour: palette.lightBlue, values: rows.map((r) => r.leads) },
      { name: 'SRLs', colour: palette.navy, values: rows.map((r) => r.salesReady) },
    ],
    format: (n) => formatCount(n),
  });
  const cells = (f: (typeof sources.rows)[number] | typeof sources.totals) => [
    formatCount(f.leads),
    formatCount(f.salesReady),
    formatRate(f.salesReadyRate),
    formatRate(f.salesReadyToOpportunity),
    formatRate(f.opportunityToWon),
    formatCount(f.won),
    money(f.revenue),
    money(f.spend),
    money(f.costPerSalesReady),
  ];
  layout.table(
    [
      { header: 'Source', width: 0.16 },
      { header: 'Category', width: 0.09 },
      { header: 'Leads', width: 0.065, align: 'right' },
      { header: 'SRLs', width: 0.06, align: 'right' },
      { header: 'SRL rate', width: 0.075, align: 'right' },
      { header: 'SRL → opp.', width: 0.08, align: 'right' },
      { header: 'Opp. → won', width: 0.08, align: 'right' },
      { header: 'Won', width: 0.06, align: 'right' },
      { header: 'Won revenue', width: 0.115, align: 'right' },
      { header: 'Spend', width: 0.11, align: 'right' },
      { header: 'Cost per SRL', width: 0.105, align: 'right' },
    ],
    [
      ...sources.rows.map((r) => ({ cells: [r.source, r.category, ...cells(r)] })),
      { bold: true, cells: ['All sources', '', ...cells(sources.totals)] },
    ],
    { caption: 'Sources', size: 8 },
  );
  // The rates follow leads from the earlier stage to today, not the counts of the quarter beside them.
  const bases = sources.rateBases as typeof sources.rateBases | undefined;
  if (bases) {
    layout.paragraph(
      `Rates: SRL rate = ${bases.salesReadyRate.description}; SRL → opp. = ${bases.salesReadyToOpportunity.description}; Opp. → won = ${bases.opportunityToWon.description}.`,
      { size: 7.5, colour: palette.muted },
    );
  }

  // A pack frozen before influence had a window holds neither the window nor the split by source.
  const window: number | undefined = data.marketing.influenceWindowDays;
  const influencedWords =
    window === undefined
      ? 'Influenced: any marketing touch before the opportunity.'
      : `Influenced: a marketing touch within ${formatCount(window)} days before the opportunity.`;
  layout.heading(
    'Marketing contribution',
    `Marketing-sourced and marketing-influenced overlap (a marketing-sourced deal with a touch is both): never add them. ${influencedWords}`,
  );
  const line = (label: string, c: Contribution) => ({
    cells: [
      label,
      money(c.total),
      formatCount(c.deals),
      money(c.sourced),
      formatRate(c.sourcedShare),
      money(c.influenced),
      formatRate(c.influencedShare),
    ],
  });
  layout.table(
    [
      { header: '', width: 0.25 },
      { header: 'Total', width: 0.13, align: 'right' },
      { header: 'Deals', width: 0.08, align: 'right' },
      { header: 'Marketing-sourced', width: 0.15, align: 'right' },
      { header: 'Share', width: 0.09, align: 'right' },
      { header: 'Marketing-influenced', width: 0.19, align: 'right' },
      { header: 'Share', width: 0.11, align: 'right' },
    ],
    [
      line('Won revenue (deals won in the quarter)', data.marketing.revenue),
      line('Open pipeline', data.marketing.pipeline),
    ],
    { caption: 'Marketing contribution' },
  );

  const bySource = data.marketing.bySource ?? [];
  if (bySource.length > 0) {
    layout.heading(
      'Marketing contribution by source',
      `Each column adds up to the totals above. ${influencedWords}`,
      60 + bySource.length * 14,
    );
    const parts = (r: Contribution, p: Contribution) => [
      money(r.total),
      money(r.sourced),
      money(r.influenced),
      money(p.total),
      money(p.sourced),
      money(p.influenced),
    ];
    layout.table(
      [
        { header: 'Source', width: 0.22 },
        { header: 'Won revenue', width: 0.13, align: 'right' },
        { header: 'Sourced', width: 0.13, align: 'right' },
        { header: 'Influenced', width: 0.13, align: 'right' },
        { header: 'Pipeline', width: 0.13, align: 'right' },
        { header: 'Sourced', width: 0.13, align: 'right' },
        { header: 'Influenced', width: 0.13, align: 'right' },
      ],
      [
        ...bySource.map((r) => ({ cells: [r.source, ...parts(r.revenue, r.pipeline)] })),
        {
          bold: true,
          cells: ['All sources', ...parts(data.marketing.revenue, data.marketing.pipeline)],
        },
      ],
      { caption: 'Marketing contribution by source', size: 8 },
    );
  }

  const credited = data.attribution.rows.filter((r) => r.firstTouch || r.lastTouch || r.linear);
  layout.heading(
    'Won revenue attributed to sources',
    'Three models side by side; each adds up to the won revenue of the quarter.',
    60 + credited.length * 34,
  );
  barChart(layout, {
    categories: credited.map((r) => r.source),
    series: [
      { name: 'First touch', colour: palette.navy, values: credited.map((r) => r.firstTouch) },
      { name: 'Last touch before SRL', colour: palette.blue, values: credited.map((r) => r.lastTouch) },
      { name: 'Linear', colour: palette.teal, values: credited.map((r) => r.linear) },
    ],
    format: (n) => formatMoneyShort(n, currency),
  });
  layout.table(
    [
      { header: 'Source', width: 0.31 },
      { header: 'Category', width: 0.15 },
      { header: 'First touch', width: 0.18, align: 'right' },
      { header: 'Last touch before SRL', width: 0.18, align: 'right' },
      { header: 'Linear', width: 0.18, align: 'right' },
    ],
    [
      ...credited.map((r) => ({
        cells: [r.source, r.category, money(r.firstTouch), money(r.lastTouch), money(r.linear)],
      })),
      {
        bold: true,
        cells: [
          `All sources (${formatCount(data.attribution.totals.deals)} deals)`,
          '',
          money(data.attribution.totals.firstTouch),
          money(data.attribution.totals.lastTouch),
          money(data.attribution.totals.linear),
        ],
      },
    ],
    { caption: 'Won revenue attributed to sources' },
  );
}
