import { defined } from '@salesready/db/defined';
import { stageNames } from '../../exports/tables/funnel';
import { formatCount, formatDays, formatRate } from '../format';
import type { BoardPackData } from './data';
import { funnelChart } from './funnel-chart';
import type { Layout } from './layout';

export function drawFunnel(layout: Layout, data: BoardPackData): void {
  const { funnel } = data;
  layout.section(
    'Funnel',
    'Cohort view: the leads created in the quarter, followed to today; every stage they reached counts, whenever it happened.',
    'funnel',
  );
  funnelChart(
    layout,
    funnel.stages.map((s, i) => ({
      label: defined(stageNames[s.stage]),
      count: s.count,
      note:
        i === 0
          ? null
          : `${formatRate(s.stepConversion)} of ${stageNames[defined(funnel.stages[i - 1]).stage]}`,
    })),
    formatCount,
  );
  layout.table(
    [
      { header: 'Stage', width: 0.16 },
      { header: 'Leads', width: 0.12, align: 'right' },
      { header: 'Step conversion', width: 0.15, align: 'right' },
      { header: 'Cumulative conversion', width: 0.17, align: 'right' },
      { header: 'Drop-off', width: 0.12, align: 'right' },
      { header: 'Drop-off rate', width: 0.13, align: 'right' },
      { header: 'Median days in stage', width: 0.15, align: 'right' },
    ],
    funnel.stages.map((s) => ({
      cells: [
        defined(stageNames[s.stage]),
        formatCount(s.count),
        formatRate(s.stepConversion),
        formatRate(s.cumulativeConversion),
        formatCount(s.dropOff),
        formatRate(s.dropOffRate),
        formatDays(s.medianDaysInStage),
      ],
    })),
    { caption: 'Funnel' },
  );
  const exits = funnel.exits
    .map(
      (e) =>
        `${stageNames[e.stage]}: ${formatCount(e.count)} (${formatRate(e.conversion)} of ${stageNames[e.from]})`,
    )
    .join('; ');
  layout.paragraph(`Exits. ${exits}.`, { size: 9 });
  const a = funnel.anomalies;
  layout.paragraph(
    `Data quality: of ${formatCount(a.leadsInScope)} leads, ${formatCount(a.skippedAny)} skipped a stage and ${formatCount(a.outOfOrder)} have stage times out of order; they are counted as recorded, never given invented times.`,
    { size: 8, colour: '#5b6675' },
  );
}
