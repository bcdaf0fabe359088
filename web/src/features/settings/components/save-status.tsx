import type { ReactNode } from 'react';
import { errorMessage } from '../../../lib/api-client';

/** What the last save did, read out when it changes: why it failed, or the good news; nothing before. */
export function SaveStatus({ error, saved, testId }: { error: unknown; saved: ReactNode; testId?: string }) {
  return (
    <p className="settings-status" aria-live="polite" data-testid={testId}>
      {error ? (
        <span className="status-bad">{errorMessage(error)}</span>
      ) : saved ? (
        <span className="status-good">{saved}</span>
      ) : null}
    </p>
  );
}
