import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../../lib/api-client';
import { formatInteger } from '../../../lib/format';
import '../sales-ready-progress.css';

const jobQueryKey = ['sales-ready-job'] as const;
const unfinished = (status: string | undefined) => status === 'queued' || status === 'running';

/**
 * The recount after a change of the sales-ready rule: a background job re-applies the rule to every
 * lead in batches (docs/decisions/0020). Shows its progress while it runs (polling), and refreshes the
 * figures as it ends. `since`: when the settings were last saved (it looks again then).
 */
export function SalesReadyProgress({ since }: { since: number }) {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: jobQueryKey,
    queryFn: ({ signal }) =>
      unwrap(api.api.settings.$get(undefined, { init: { signal } })).then((body) => body.salesReadyJob),
    refetchInterval: (query) => (unfinished(query.state.data?.status) ? 1500 : false),
  });
  useEffect(() => {
    if (since) void job.refetch();
  }, [since]);
  const status = job.data?.status;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (unfinished(status)) wasRunning.current = true;
    else if (wasRunning.current && status) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    }
  }, [status, queryClient]);

  const data = job.data;
  if (!data) return null;
  const { done = 0, total = 0 } = data.progress ?? {};
  if (unfinished(data.status)) {
    const percent = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0;
    return (
      <div className="rule-job" data-testid="sales-ready-job" aria-live="polite">
        <p className="rule-job-text">
          Recounting sales-ready leads under the new rule:{' '}
          {total > 0 ? `${formatInteger(done)} of ${formatInteger(total)} leads (${percent}%)` : 'starting'}.
          Figures change as it goes.
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Recounting sales-ready leads"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <span className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        {data.lastError && (
          <p className="rule-job-text status-bad">
            The last batch failed and will be tried again: {data.lastError}
          </p>
        )}
      </div>
    );
  }
  if (data.status === 'failed') {
    return (
      <p className="rule-job rule-job-text status-bad" data-testid="sales-ready-job">
        The recount under the new rule stopped: {data.lastError}. Save the rule again to restart it.
      </p>
    );
  }
  if (!wasRunning.current && !since) return null;
  return (
    <p className="rule-job rule-job-text status-good" data-testid="sales-ready-job">
      Every lead ({formatInteger(done)}) is counted under the current rule.
    </p>
  );
}
