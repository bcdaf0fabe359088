import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  text: ReactNode;
  /** The next step: a link or a button. */
  action?: ReactNode;
  level?: 2 | 3;
  compact?: boolean;
  testId?: string;
}

/** Nothing to show, why, and what to do next. */
export function EmptyState({ title, text, action, level = 2, compact = false, testId }: EmptyStateProps) {
  const Heading = `h${level}` as const;
  return (
    <div
      className={compact ? 'state-panel state-empty is-compact' : 'state-panel state-empty'}
      data-testid={testId}
    >
      <svg className="state-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 19h16M7 15v-3M12 15V8M17 15v-5" />
      </svg>
      <Heading className="state-title">{title}</Heading>
      <p className="state-text">{text}</p>
      {action && <div className="state-actions">{action}</div>}
    </div>
  );
}
