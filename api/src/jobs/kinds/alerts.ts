import { audit } from '../../audit';
import { openAlerts } from '../../figures/alerts';
import type { JobKind } from '../kind';

/**
 * The alerts' scheduled run: every morning at seven in the company's time zone it computes the open
 * alerts and records the run in the audit log (as an admin's `POST /api/metrics/alerts/run` does, with
 * no user). One slice: the reads are bounded by the quarter.
 */
export const alertsRun: JobKind = {
  kind: 'alerts',
  schedule: '0 7 * * *',
  async run({ db, now }) {
    const result = await openAlerts(db, now);
    const summary = { count: result.alerts.length, ids: result.alerts.map((a) => a.id) };
    await audit(db, null, 'alerts.run', result.quarter, { ...summary, by: 'schedule' });
    return { cursor: null, done: true, result: { quarter: result.quarter, ...summary } };
  },
};
