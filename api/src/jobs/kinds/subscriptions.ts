import { deliver } from '../../delivery/deliver';
import { deliveryJobKind, startRun, subscriptionJobKind } from '../../delivery/subscriptions';
import type { JobKind } from '../kind';

/**
 * A subscription's scheduled run (one recurring job per subscription, on its own cron expression): reads
 * the content once and queues one delivery job per recipient and the Slack webhook.
 */
export const subscriptionRun: JobKind = {
  kind: subscriptionJobKind,
  async run({ db, job, now }) {
    const id = Number(job.key?.split(':')[1]);
    const started = await startRun(db, id, 'schedule', { now, userId: null });
    // A subscription deleted since its job was queued has nothing to run.
    return { cursor: null, done: true, result: started ?? { runId: null, deliveries: 0 } };
  },
};

/** One message of a run; a failure is retried with backoff (the job's attempts), then kept as failed. */
export const subscriptionDelivery: JobKind = {
  kind: deliveryJobKind,
  async run({ db, payload, now, services }) {
    const outcome = await deliver(db, Number(payload.deliveryId), services, now);
    return { cursor: null, done: true, result: { outcome } };
  },
};
