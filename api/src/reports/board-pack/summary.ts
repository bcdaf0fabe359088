import type { MetricPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { pacingMetrics } from '@salesready/db/queries/pacing/quarter-shapes';
import { metricNames } from '../../exports/tables/pacing';
import { type FigureId, figureEntry } from '../../figures/catalogue';
import { trackRecordSentence } from '../../figures/track-record-words';
import {
  dash,
  formatChange,
  formatCount,
  formatDay,
  formatDays,
  formatDecimal,
  formatMoney,
  formatMoneyShort,
  formatRate,
} from '../format';
import type { BoardPackData } from './data';
import type { Layout, Tile, Tone } from './layout';
import { closedPacingChart, pacingChart } from './pacing-charts';

type Kind = 'count' | 'money' | 'rate' | 'days';

/** A catalogued figure's label: the one it carries everywhere. */
export const figureLabel = (id: FigureId) => figureEntry(id).label;
const label = figureLabel;

/** A KPI tile with its QoQ and YoY changes; `lowerIsBetter` colours a fall as good news. */
export function kpiTile(
  label: string,
  figure: { value: number | null; previous: number | null; yearAgo: number | null },
  kind: Kind,
  currency: string,
  compare: { previous: string; yearAgo: string },
  lowerIsBetter = false,
): Tile {
  // The previous values are context: amounts in short (a tile is narrow).
  const was = (n: number | null) =>
    kind === 'money' && n !== null ? formatMoneyShort(n, currency) : format(n);
  const format = (n: number | null) =>
    kind === 'count'
      ? formatCount(n)
      : kind === 'money'
        ? formatMoney(n, currency)
        : kind === 'rate'
          ? formatRate(n)
          : formatDays(n);
  const change = (base: number | null, name: string): { text: string; tone: Tone } => {
    const text = formatChange(figure.value, base, kind === 'rate' ? 'points' : 'relative');
    if (text === null) return { text: `${name} n/a (was ${was(base)})`, tone: 'neutral' };
    const up = text.startsWith('+');
    const down = text.startsWith('−');
    const tone: Tone = !up && !down ? 'neutral' : up !== lowerIsBetter ? 'good' : 'bad';
    return { text: `${name} ${text} (was ${was(base)})`, tone };
  };
  return {
    label,
    value: format(figure.value),
    notes: [change(figure.previous, compare.previous), change(figure.yearAgo, compare.yearAgo)],
  };
}

/** What a tile's changes compare with: "vs 2026-Q3 at day 66" while the quarter is in progress. */
export function comparedWith(data: BoardPackData): { previous: string; yearAgo: string } {
  const { previous, yearAgo, daysElapsed } = data.periods;
  const at = daysElapsed === null ? '' : ` at day ${daysElapsed}`;
  return { previous: `vs ${previous.label}${at}`, yearAgo: `vs ${yearAgo.label}${at}` };
}

function amountOrCount(m: MetricPacing, currency: string) {
  return m.unit === 'amount'
    ? (n: number | null) => formatMoney(n, currency)
    : (n: number | null) => (n === null ? dash : formatCount(Math.round(n)));
}

/**
 * How the gap splits: the sources short of their part take shares adding up to 100%; the sources
 * ahead of it are an offset, never a share, and shortfall − offset = the gap.
 */
function gapSplitSentence(
  e: NonNullable<MetricPacing['explained']>,
  fmt: (n: number | null) => string,
): string {
  let out = '';
  if (e.offset > 0 && e.shortfall > 0) {
    const ahead = e.coveredBy
      .slice(0, 3)
      .map(
        (c) =>
          `${c.basis === 'unallocated' ? 'own targets above the overall one' : c.source} ${fmt(c.surplus)}`,
      )
      .join(', ');
    out += ` Sources short of their part fall ${fmt(e.shortfall)} short; sources ahead cover ${fmt(e.offset)} of it (${ahead}${e.coveredBy.length > 3 ? ', …' : ''}).`;
  }
  const largest = e.largest;
  if (largest) {
    out += ` Largest contributor: ${largest.source} (${formatRate(largest.shareOfGap)} of the gap${largest.cause ? `; cause: ${largest.cause}` : ''}).`;
  }
  return out;
}

/** The gap in one sentence per metric with a target, with its largest contributor and what closing it takes. */
function gapSentences(data: BoardPackData): string[] {
  const out: string[] = [];
  const closed = data.pacing.closed;
  for (const metric of pacingMetrics) {
    const m = data.pacing.metrics[metric];
    const f = m.overall;
    const fmt = amountOrCount(m, data.currency);
    if (f.target === null || f.gap === null) continue;
    const name = metricNames[metric];
    if (closed) {
      // Closed: what happened against the target; no projection, nothing left to close.
      const head = `${name}: ended at ${fmt(f.actualToDate)} against a target of ${fmt(f.target)}`;
      if (f.gap <= 0) {
        out.push(`${head}, ${f.gap < 0 ? `ahead by ${fmt(-f.gap)}` : 'on target'}.`);
        continue;
      }
      let sentence = `${head}, short by ${fmt(f.gap)} (${formatRate(f.gap / f.target)} of target).`;
      if (m.explained) sentence += gapSplitSentence(m.explained, fmt);
      out.push(sentence);
      continue;
    }
    if (f.gap <= 0) {
      out.push(`${name}: projected ${fmt(f.projection)} against a target of ${fmt(f.target)}, on track.`);
      continue;
    }
    let sentence = `${name}: projected ${fmt(f.projection)} against a target of ${fmt(f.target)}, a gap of ${fmt(f.gap)} (${formatRate(f.gap / f.target)} of target).`;
    if (m.explained) sentence += gapSplitSentence(m.explained, fmt);
    const closing = m.closing;
    if (closing && closing.weeksRemaining > 0) {
      sentence += ` Closing it takes ${fmt(closing.requiredPerWeek)} a week for the remaining ${formatDecimal(closing.weeksRemaining)} weeks, against ${fmt(closing.projectedPerWeek)} a week projected.`;
    }
    out.push(sentence);
  }
  return out;
}

export function drawSummary(layout: Layout, data: BoardPackData): void {
  const { kpis, details, currency } = data;
  const { daysElapsed } = data.periods;
  const compare = comparedWith(data);
  layout.section(
    'Executive summary',
    `Fiscal quarter ${data.quarter.label}, company-wide. Changes are against the previous quarter and the same quarter a year before${daysElapsed === null ? '' : `, each as it stood on day ${daysElapsed}, as this quarter has run ${daysElapsed} days`}.`,
    'summary',
  );
  layout.tiles(
    [
      kpiTile(label('leads'), kpis.leads, 'count', currency, compare),
      kpiTile(label('srls'), kpis.salesReady, 'count', currency, compare),
      kpiTile(label('srlRate'), kpis.salesReadyRate, 'rate', currency, compare),
      kpiTile(label('medianDaysToSrl'), kpis.medianDaysToSalesReady, 'days', currency, compare, true),
      kpiTile(label('wonRevenue'), kpis.wonRevenue, 'money', currency, compare),
      kpiTile(label('openPipeline'), details.pipeline, 'money', currency, compare),
      kpiTile(label('opportunities'), details.opportunities, 'count', currency, compare),
      kpiTile(label('winRate'), details.winRate, 'rate', currency, compare),
    ],
    4,
  );

  const pacing = data.pacing;
  const chartFormat = (m: MetricPacing) =>
    m.unit === 'amount'
      ? (n: number) => formatMoneyShort(n, currency)
      : (n: number) => formatCount(Math.round(n));
  const chartLabel = (metric: (typeof pacingMetrics)[number]) =>
    metric === 'pipeline' ? 'Pipeline created' : metricNames[metric];
  if (pacing.closed) {
    layout.heading(
      'Pacing and the gap',
      `Quarter closed: final figures as of ${pacing.asOf}, actual against target. Gap = target − actual: positive means short.`,
    );
    closedPacingChart(
      layout,
      pacingMetrics.map((metric) => {
        const m = pacing.metrics[metric];
        return {
          label: chartLabel(metric),
          actual: m.overall.actualToDate,
          target: m.overall.target,
          format: chartFormat(m),
        };
      }),
    );
    layout.table(
      [
        { header: 'Metric', width: 0.2 },
        { header: 'Target', width: 0.18, align: 'right' },
        { header: 'Actual', width: 0.18, align: 'right' },
        { header: 'Against target', width: 0.14, align: 'right' },
        { header: 'Gap', width: 0.3, align: 'right' },
      ],
      pacingMetrics.map((metric) => {
        const m = pacing.metrics[metric];
        const f = m.overall;
        const fmt = amountOrCount(m, currency);
        return {
          cells: [
            metricNames[metric],
            fmt(f.target),
            fmt(f.actualToDate),
            formatRate(f.target ? f.actualToDate / f.target : null),
            f.gap === null
              ? dash
              : `${fmt(f.gap)} (${f.gap > 0 ? 'short' : f.gap < 0 ? 'ahead' : 'on target'})`,
          ],
        };
      }),
      { caption: 'Pacing and the gap' },
    );
  } else {
    layout.heading(
      'Pacing and the gap',
      `As of ${pacing.asOf}: day ${pacing.daysElapsed} of ${pacing.daysInQuarter}, ${formatDecimal(pacing.weeksRemaining)} weeks remaining; expected to date follows the ${pacing.history.shape} shape of ${pacing.history.quarters.length} past quarters. Gap = target − projection: positive means short.`,
    );
    pacingChart(
      layout,
      pacingMetrics.map((metric) => {
        const m = pacing.metrics[metric];
        const f = m.overall;
        return {
          label: chartLabel(metric),
          actual: f.actualToDate,
          projection: f.projection,
          low: f.projectionLow,
          high: f.projectionHigh,
          target: f.target,
          format: chartFormat(m),
        };
      }),
    );
    layout.table(
      [
        { header: 'Metric', width: 0.135 },
        { header: 'Target', width: 0.125, align: 'right' },
        { header: 'Actual to date', width: 0.125, align: 'right' },
        { header: 'Expected to date', width: 0.125, align: 'right' },
        { header: 'Pacing', width: 0.08, align: 'right' },
        { header: 'Projection', width: 0.125, align: 'right' },
        { header: 'Range (P10–P90)', width: 0.16, align: 'right' },
        { header: 'Gap', width: 0.125, align: 'right' },
      ],
      pacingMetrics.map((metric) => {
        const m = pacing.metrics[metric];
        const f = m.overall;
        const fmt = amountOrCount(m, currency);
        const short = m.unit === 'amount' ? (n: number) => formatMoneyShort(n, currency) : fmt;
        return {
          cells: [
            metricNames[metric],
            fmt(f.target),
            fmt(f.actualToDate),
            fmt(f.expectedToDate),
            formatRate(f.pacing),
            fmt(f.projection),
            `${short(f.projectionLow)} – ${short(f.projectionHigh)}`,
            fmt(f.gap),
          ],
        };
      }),
      { caption: 'Pacing and the gap' },
    );
    const records = pacingMetrics.flatMap((metric) => {
      const record = pacing.metrics[metric].trackRecord;
      return record ? [`${metricNames[metric]}: ${trackRecordSentence(record)}`] : [];
    });
    if (records.length) {
      layout.heading('The forecast’s track record');
      for (const line of records) layout.paragraph(line, { size: 8.5 });
    }
  }
  drawWaterfall(layout, data);
  const sentences = gapSentences(data);
  if (sentences.length) {
    layout.heading('The gap explained');
    for (const sentence of sentences) layout.paragraph(sentence, { size: 8.5 });
  }
}

/** The pipeline's movements in the quarter, from start to end, adding up (the Pacing page's waterfall). */
function drawWaterfall(layout: Layout, data: BoardPackData): void {
  if (!data.waterfall) return;
  const { from, to, overall: o } = data.waterfall;
  const money = (n: number) => formatMoney(n, data.currency);
  const line = (id: FigureId, sign: '' | '+' | '−', amount: number, deals?: number, bold = false) => ({
    cells: [
      label(id),
      `${sign}${sign ? ' ' : ''}${money(amount)}`,
      deals === undefined ? '' : formatCount(deals),
    ],
    bold,
  });
  layout.heading(
    'Pipeline movement in the quarter',
    `Open opportunities expected to close in the quarter (or not yet dated), at the end of ${formatDay(from)} against the end of ${formatDay(to)}. Each deal counts in one movement; the start plus the movements is the end.`,
  );
  layout.table(
    [
      { header: 'Movement', width: 0.5 },
      { header: 'Amount', width: 0.3, align: 'right' },
      { header: 'Deals', width: 0.2, align: 'right' },
    ],
    [
      line('waterfall.starting', '', o.starting, undefined, true),
      line('waterfall.new', '+', o.new, o.deals.new),
      line('waterfall.pulledIn', '+', o.pulledIn, o.deals.pulledIn),
      line('waterfall.pushedOut', '−', o.pushedOut, o.deals.pushedOut),
      line('waterfall.increased', '+', o.increased, o.deals.increased),
      line('waterfall.decreased', '−', o.decreased, o.deals.decreased),
      line('waterfall.won', '−', o.won, o.deals.won),
      line('waterfall.lost', '−', o.lost, o.deals.lost),
      line('waterfall.ending', '', o.ending, undefined, true),
    ],
    { caption: 'Pipeline movement in the quarter' },
  );
}
