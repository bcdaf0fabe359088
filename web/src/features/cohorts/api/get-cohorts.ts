import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { CohortsFilter } from '../cohorts-filter';

export type Cohorts = MetricAnswer<'cohorts'>;
export type Cohort = Cohorts['cohorts'][number];

export const cohortsQueryOptions = (filter: CohortsFilter) => metricQueryOptions('cohorts', filter);

/** Leads by the slice they were created in, with the share that became SRL and won by age. */
export const useCohorts = (filter: CohortsFilter) => useMetricQuery(cohortsQueryOptions(filter));
