import { useEffect, useRef } from 'react';
import { type ChartOption, createChart, type EChartsType } from './echarts';

interface EChartProps {
  option: ChartOption;
  /** What the chart shows, read out by screen readers in place of the drawing. */
  ariaLabel: string;
  /** Print mode (board pack): no animation, so `data-ready` flips as soon as it is drawn. */
  print?: boolean;
  height?: number;
  className?: string;
  testId?: string;
}

/**
 * The one ECharts wrapper: owns init, resize, option updates and dispose. Its container gets
 * `data-ready="true"` once the current option is fully drawn (tests and the PDF renderer wait on it).
 */
export function EChart({ option, ariaLabel, print = false, height = 320, className, testId }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const chart = createChart(element);
    chartRef.current = chart;
    chart.on('finished', () => {
      element.dataset.ready = 'true';
    });
    const observer = new ResizeObserver(() => chart.resize());
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
    chart.setOption(print ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, print]);

  return (
    <div
      ref={containerRef}
      className={className}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      data-ready="false"
      style={{ height, width: '100%' }}
    />
  );
}
