import type { JobKind } from './kind';
import { alertsRun } from './kinds/alerts';
import { connectorSync, connectorsHourly } from './kinds/connector-sync';
import { forecastTrackRecord } from './kinds/forecast-track-record';
import { pipelineSnapshot } from './kinds/pipeline-snapshot';
import { salesReadyRule } from './kinds/sales-ready-rule';
import { subscriptionDelivery, subscriptionRun } from './kinds/subscriptions';

/**
 * Every kind of background job, in one place (docs/decisions/0020). A new kind (weekly pipeline
 * snapshots, scheduled mail deliveries, connector syncs) is a `JobKind` added here: with a `schedule`
 * it recurs; without, it runs when something enqueues it (`enqueueJob`).
 */
export const jobKinds: readonly JobKind[] = [
  alertsRun,
  salesReadyRule,
  connectorSync,
  connectorsHourly,
  pipelineSnapshot,
  forecastTrackRecord,
  subscriptionRun,
  subscriptionDelivery,
];
