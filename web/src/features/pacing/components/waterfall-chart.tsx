import { figureEntry } from '@salesready/api/figures/catalogue';
import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { categoryAxis, shadowPointer, valueAxis } from '../../../components/chart/option-parts';
import { tipRow, tipTitle, tooltipFrame } from '../../../components/chart/tooltip';
import { formatMoney, formatMoneyCompact } from '../../../lib/format';
import type { Waterfall, WaterfallMovement } from '../api/get-waterfall';
import { type WaterfallStep, waterfallSteps } from './waterfall-steps';

type Totals = Waterfall['overall'];
type Step = WaterfallStep;

export const stepLabel = (step: Step) => figureEntry(`waterfall.${step}`).label;

interface WaterfallChartProps {
  totals: Totals;
  height: number;
  /** A movement's bar was chosen: list its deals. */
  onPick?: (movement: WaterfallMovement) => void;
}

/** Starting pipeline → each movement → ending pipeline, as floating bars (a horizontal waterfall). */
export function WaterfallChart({ totals, height, onPick }: WaterfallChartProps) {
  const theme = useChartTheme();
  const option = useMemo(() => buildOption(totals, theme), [totals, theme]);
  return (
    <EChart
      option={option}
      height={height}
      testId="waterfall-chart"
      ariaLabel={`Pipeline waterfall: ${waterfallSteps.map((s) => `${stepLabel(s.step)} ${formatMoneyCompact(totals[s.step])}`).join(', ')}.`}
      onClick={
        onPick &&
        ((click) => {
          const step = waterfallSteps[click.dataIndex]?.step;
          if (step && step !== 'starting' && step !== 'ending') onPick(step);
        })
      }
    />
  );
}

function buildOption(totals: Totals, theme: ChartTheme): ChartOption {
  let running = 0;
  const bases: number[] = [];
  const bars: { value: number; itemStyle: { color: string } }[] = [];
  for (const { step, sign } of waterfallSteps) {
    const v = totals[step];
    if (sign === 0) {
      bases.push(0);
      running = v;
    } else if (sign > 0) {
      bases.push(running);
      running += v;
    } else {
      running -= v;
      bases.push(running);
    }
    const color =
      sign === 0 ? theme.accent : step === 'won' ? theme.series[1] : sign > 0 ? theme.good : theme.bad;
    bars.push({ value: v, itemStyle: { color } });
  }
  return {
    textStyle: { fontFamily: theme.fontFamily },
    // Room on the right for the last bar's label.
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipFrame(theme),
      trigger: 'axis',
      axisPointer: shadowPointer(theme),
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number }[];
        const s = waterfallSteps[list[0]?.dataIndex ?? 0];
        if (!s) return '';
        const v = totals[s.step];
        const deals = s.sign === 0 ? null : totals.deals[s.step as WaterfallMovement];
        const value = `${s.sign < 0 ? '−' : s.sign > 0 ? '+' : ''}${formatMoney(v)}`;
        return `${tipTitle(stepLabel(s.step))}${tipRow(bars[list[0]?.dataIndex ?? 0]?.itemStyle.color ?? theme.accent, deals === null ? 'Amount' : `${deals} deal${deals === 1 ? '' : 's'}`, value)}`;
      },
    },
    xAxis: valueAxis(theme, formatMoneyCompact),
    yAxis: {
      ...categoryAxis(
        theme,
        waterfallSteps.map((s) => s.short),
        { color: theme.text, fontSize: 12 },
      ),
      inverse: true,
    },
    series: [
      {
        type: 'bar',
        stack: 'waterfall',
        data: bases,
        itemStyle: { color: 'transparent' },
        emphasis: { disabled: true },
        silent: true,
      },
      {
        type: 'bar',
        stack: 'waterfall',
        data: bars,
        barMaxWidth: 22,
        cursor: 'pointer',
        label: {
          show: true,
          position: 'right',
          color: theme.muted,
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => {
            const s = waterfallSteps[p.dataIndex];
            if (!s) return '';
            const v = formatMoneyCompact(totals[s.step]);
            return s.sign < 0 ? `−${v}` : s.sign > 0 ? `+${v}` : v;
          },
        },
      },
    ],
  };
}
