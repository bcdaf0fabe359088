import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { SourcesFilter } from '../sources-filter';

export type SourceReport = MetricAnswer<'sources'>;
export type SourceReportRow = SourceReport['rows'][number];
export type SourceFigures = SourceReport['totals'];

export const sourceReportQueryOptions = (filter: SourcesFilter) => metricQueryOptions('sources', filter);

/** Volume, quality, speed, conversion, revenue and cost per source, per category and in total. */
export const useSourceReport = (filter: SourcesFilter) => useMetricQuery(sourceReportQueryOptions(filter));
