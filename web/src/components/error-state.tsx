import { ApiError, errorMessage } from '../lib/api-client';

interface ErrorStateProps {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  /** The heading level that fits where the state is shown. */
  level?: 1 | 2 | 3;
}

/** A failed load: what went wrong, the request id to quote to support, and a way to try again. */
export function ErrorState({
  title = 'This view could not be loaded',
  error,
  onRetry,
  retrying,
  level = 2,
}: ErrorStateProps) {
  const requestId = error instanceof ApiError ? error.requestId : null;
  const Heading = `h${level}` as const;
  return (
    <div className="state-panel state-error" role="alert">
      <svg className="state-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7.5v5.5M12 16.2v.3" />
      </svg>
      <Heading className="state-title">{title}</Heading>
      <p className="state-text">{errorMessage(error)}</p>
      {requestId && (
        <p className="state-meta">
          Request ID <code>{requestId}</code>
        </p>
      )}
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Try again'}
        </button>
      )}
    </div>
  );
}
