import type { ReactNode, Ref } from 'react';
import { CopyField } from './copy-field';

interface SecretBoxProps {
  /** What to do with it, and that it is shown only once. */
  title: ReactNode;
  /** Why it matters and how long it works. */
  text: ReactNode;
  /** The copy field's accessible name, and the secret itself. */
  label: string;
  value: string;
  /** How to use it, under the copy field. */
  usage?: ReactNode;
  doneLabel: string;
  onDone: () => void;
  testId: string;
  valueTestId: string;
  ref?: Ref<HTMLDivElement>;
}

/**
 * A secret the server shows once and keeps only a hash of (an API token, an invitation, a share
 * link): one look everywhere, so a reader learns once that this box will not come back.
 */
export function SecretBox({
  title,
  text,
  label,
  value,
  usage,
  doneLabel,
  onDone,
  testId,
  valueTestId,
  ref,
}: SecretBoxProps) {
  return (
    <div ref={ref} className="secret-box" role="status" data-testid={testId}>
      <p className="secret-title">
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 2.2 14.5 13.5h-13z" />
          <path d="M8 6.5v3.2M8 11.6v.2" />
        </svg>
        {title}
      </p>
      <p className="secret-text">{text}</p>
      <CopyField label={label} value={value} testId={valueTestId} />
      {usage && <p className="secret-usage">{usage}</p>}
      <button type="button" className="button button-ghost button-small" onClick={onDone}>
        {doneLabel}
      </button>
    </div>
  );
}
