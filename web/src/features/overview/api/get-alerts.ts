import { useQuery } from '@tanstack/react-query';
import { type MetricAnswer, metricQueryOptions } from '../../../lib/metrics-query';

export type Alerts = MetricAnswer<'alerts'>;
export type Alert = Alerts['alerts'][number];

export const alertsQueryOptions = () => metricQueryOptions('alerts', {}, []);

/** The open alerts of this quarter, company-wide, worst first (computed by the server on every call). */
export function useAlerts(enabled = true) {
  return useQuery({ ...alertsQueryOptions(), enabled });
}
