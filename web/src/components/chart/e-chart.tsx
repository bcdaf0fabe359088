import { useEffect, useRef, useState } from 'react';
import { type ChartClick, type ChartOption, createChart, type EChartsType } from './echarts';
import { fitSignature, fitToWidth, legendExtraHeight } from './fit-width';

interface EChartProps {
  option: ChartOption;
  /** What the chart shows, read out by screen readers in place of the drawing. */
  ariaLabel: string;
  height?: number;
  className?: string;
  testId?: string;
  /** A click on a mark (bar, bubble): e.g. a drill-down. Keyboard users need another way to it. */
  onClick?: (click: ChartClick) => void;
}

/**
 * The one ECharts wrapper: owns init, resize, option updates and dispose. Its container gets
 * `data-ready="true"` once the current option is fully drawn (tests wait on it).
 */
export function EChart({ option, ariaLabel, height = 320, className, testId, onClick }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  // The latest handler, so a new closure each render neither re-binds nor goes stale.
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const clickable = onClick !== undefined;
  // The option is laid out for the chart's width; a resize that changes the layout (the legend
  // wraps onto another line) draws it again.
  const optionRef = useRef(option);
  optionRef.current = option;
  const [layout, setLayout] = useState('');

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const chart = createChart(element);
    chartRef.current = chart;
    chart.on('finished', () => {
      element.dataset.ready = 'true';
    });
    chart.on('click', (params) => {
      const p = params as { seriesIndex?: number; dataIndex?: number; name?: string };
      clickRef.current?.({
        seriesIndex: p.seriesIndex ?? 0,
        dataIndex: p.dataIndex ?? 0,
        name: p.name ?? '',
      });
    });
    const observer = new ResizeObserver(() => {
      chart.resize();
      setLayout(fitSignature(optionRef.current, element.clientWidth));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const element = containerRef.current;
    const chart = chartRef.current;
    if (!element || !chart) return;
    element.dataset.ready = 'false';
    const fitted = fitToWidth(option, element.clientWidth);
    chart.setOption(fitted, { notMerge: true });
    // `layout` changes when the width asks for another layout.
  }, [option, layout]);

  // Read after the first layout (`layout` is set once the width is known).
  const extraHeight = layout ? legendExtraHeight(option, containerRef.current?.clientWidth ?? 0) : 0;
  return (
    <div
      ref={containerRef}
      className={className}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      data-ready="false"
      data-clickable={clickable || undefined}
      style={{ height: height + extraHeight, width: '100%' }}
    />
  );
}
