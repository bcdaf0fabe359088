import { type ReactNode, Suspense } from 'react';
import { type CardQuery, QueryCard } from './query-card';

/** The grey block a chart's frame holds while its answer or its code is on the way. */
export const chartSkeleton = <div className="skeleton skeleton-chart" aria-hidden="true" />;

interface LazyChartCardProps<D> {
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  query: CardQuery<D>;
  errorTitle: string;
  /** The chart's height: its frame keeps it through every state. */
  height: number;
  /** The chart for the answer, a lazily loaded component: the skeleton stands in while it loads. */
  children: (data: D) => ReactNode;
}

/** A chart card whose chart code is loaded on demand, so the page's figures show first. */
export function LazyChartCard<D>({ height, children, ...card }: LazyChartCardProps<D>) {
  return (
    <QueryCard {...card} className="chart-card" frameHeight={height} loading={chartSkeleton}>
      {(data) => <Suspense fallback={chartSkeleton}>{children(data)}</Suspense>}
    </QueryCard>
  );
}
