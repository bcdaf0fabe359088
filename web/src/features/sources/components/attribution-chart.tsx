import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { barSeries, chartBase, nameAxis, valueAxis } from '../../../components/chart/option-parts';
import { categoryTooltip, tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatMoney, formatMoneyCompact, formatPercent, moneyCurrency } from '../../../lib/format';
import type { Attribution } from '../api/get-attribution';

type AttributionRow = Attribution['rows'][number];

export const modelNames = { firstTouch: 'First touch', lastTouch: 'Last touch', linear: 'Linear' } as const;
const models = ['firstTouch', 'lastTouch', 'linear'] as const;

interface AttributionChartProps {
  attribution: Attribution;
  height: number;
  onSelect: (row: AttributionRow) => void;
}

/** Won revenue credited to each source by the three models, side by side. */
export function AttributionChart({ attribution, height, onSelect }: AttributionChartProps) {
  const theme = useChartTheme();
  // Largest at the top: a horizontal category axis runs bottom-up.
  const rows = useMemo(() => [...attribution.rows].reverse(), [attribution.rows]);
  const total = attribution.totals.wonRevenue;
  const option = useMemo(() => buildOption(rows, total, theme), [rows, total, theme]);
  return (
    <>
      <EChart
        option={option}
        height={height}
        ariaLabel={`Won revenue of ${formatMoney(total)} credited to ${rows.length} sources by first-touch, last-touch and linear attribution. The table that follows gives the figures.`}
        testId="attribution-chart"
        onClick={({ dataIndex }) => {
          const row = rows[dataIndex];
          if (row) onSelect(row);
        }}
      />
      <table className="visually-hidden">
        <caption>Won revenue by attribution model</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            {models.map((m) => (
              <th key={m} scope="col">
                {modelNames[m]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {attribution.rows.map((r) => (
            <tr key={r.sourceId ?? 'unknown'}>
              <th scope="row">{r.source}</th>
              {models.map((m) => (
                <td key={m}>{formatMoney(r[m])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function buildOption(rows: AttributionRow[], total: number, theme: ChartTheme): ChartOption {
  // The card's header is the legend (with each model's definition), so the chart draws none.
  return {
    ...chartBase(theme, { right: 16, top: 4 }),
    tooltip: categoryTooltip(
      theme,
      (index, points) => {
        const row = rows[index];
        if (!row) return '';
        const lines = points.flatMap((p) => {
          const model = models[p.seriesIndex];
          if (!model) return [];
          const share = total > 0 ? ` · ${formatPercent(row[model] / total)}` : '';
          return tipRow(p.color, modelNames[model], `${formatMoneyCompact(row[model])}${share}`);
        });
        return `<div class="chart-tip">${tipTitle(row.source)}${lines.join('')}<div class="chart-tip-hint">Click to open the won leads</div></div>`;
      },
      true,
    ),
    xAxis: valueAxis(theme, formatMoneyCompact, { name: `Won revenue (${moneyCurrency()})`, along: 'x' }),
    yAxis: nameAxis(
      theme,
      rows.map((r) => r.source),
    ),
    series: models.map((model, i) =>
      barSeries(
        {
          name: modelNames[model],
          data: rows.map((r) => r[model]),
          color: theme.models[i as 0 | 1 | 2],
          grows: 'right',
        },
        { barMaxWidth: 9, barGap: '25%', barCategoryGap: '34%', cursor: 'pointer' },
      ),
    ),
  };
}
