import { useEffect, useRef, useState } from 'react';

interface CopyFieldProps {
  label: string;
  value: string;
  testId?: string;
}

/** A secret shown once: selectable text and a Copy button that says when it worked. */
export function CopyField({ label, value, testId }: CopyFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission (or not a secure context): select it, so Ctrl/Cmd+C works.
      inputRef.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="copy-field">
      <input
        ref={inputRef}
        className="copy-input"
        readOnly
        value={value}
        aria-label={label}
        spellCheck={false}
        onFocus={(e) => e.target.select()}
        data-testid={testId}
      />
      <button type="button" className="button button-secondary copy-button" onClick={() => void copy()}>
        {copied === 'yes' ? (
          <>
            <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M3.5 8.5 6.5 11.5 12.5 5" />
            </svg>
            Copied
          </>
        ) : (
          <>
            <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
              <path d="M10.5 3.5V3A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
            </svg>
            Copy
          </>
        )}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {copied === 'yes'
          ? 'Copied to the clipboard'
          : copied === 'no'
            ? 'Selected: press Ctrl+C or Cmd+C to copy'
            : ''}
      </span>
    </div>
  );
}
