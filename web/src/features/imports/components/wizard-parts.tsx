import { formatBytes, formatInteger } from '../../../lib/format';
import type { ImportPreset } from '../api/get-presets';
import type { ImportPreview } from '../api/preview-import';
import type { CsvSample } from '../csv-sample';

export const steps = [
  { id: 'file', label: 'Choose a file' },
  { id: 'columns', label: 'Match columns' },
  { id: 'check', label: 'Check rows' },
  { id: 'import', label: 'Import' },
] as const;

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Where the wizard stands; steps done can be gone back to. */
export function Stepper({ current, onStep }: { current: number; onStep: (index: number) => void }) {
  return (
    <nav aria-label="Import steps">
      <ol className="wizard-steps">
        {steps.map((s, i) => {
          const state = i < current ? 'is-done' : i === current ? 'is-current' : 'is-next';
          const content = (
            <>
              <span className="wizard-step-mark" aria-hidden="true">
                {i < current ? (
                  <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M3.5 8.5 6.5 11.5 12.5 5" />
                  </svg>
                ) : (
                  i + 1
                )}
              </span>
              <span className="wizard-step-label">{s.label}</span>
            </>
          );
          return (
            <li
              key={s.id}
              className={`wizard-step ${state}`}
              aria-current={i === current ? 'step' : undefined}
            >
              {i < current && current < 3 ? (
                <button type="button" className="wizard-step-button" onClick={() => onStep(i)}>
                  {content}
                  <span className="visually-hidden"> (done; go back to this step)</span>
                </button>
              ) : (
                <span className="wizard-step-button">{content}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The chosen file: name, size, rows, columns and the export it was recognised as. */
export function FileBar({
  file,
  preview,
  sample,
  presets,
  preset,
  onReplace,
}: {
  file: File;
  preview: ImportPreview;
  sample: CsvSample | null;
  presets: ImportPreset[] | undefined;
  preset: string | null;
  onReplace: () => void;
}) {
  const detected = presets?.find((p) => p.name === preview.detectedPreset);
  return (
    <div className="file-bar">
      <svg className="file-bar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M7 3.5h7l4 4v13H7zM14 3.5v4h4M9.5 12.5h6M9.5 16h6" />
      </svg>
      <div className="file-bar-text">
        <p className="file-bar-name" data-testid="import-file-name">
          {file.name}
        </p>
        <p className="file-bar-meta">
          {formatBytes(file.size)}
          <span className="page-dot" aria-hidden="true">
            ·
          </span>
          {sample
            ? `${sample.complete ? '' : 'about '}${formatInteger(sample.estimatedRows)} rows`
            : 'counting rows…'}
          <span className="page-dot" aria-hidden="true">
            ·
          </span>
          {preview.headers.length} columns, {delimiterNames[preview.delimiter] ?? `“${preview.delimiter}”`}
          -separated
          {detected && (
            <>
              <span className="page-dot" aria-hidden="true">
                ·
              </span>
              <span className="file-bar-detected">
                Recognised: {detected.label}
                {preset !== detected.name ? ' (not used)' : ''}
              </span>
            </>
          )}
        </p>
      </div>
      <button type="button" className="button button-secondary button-small" onClick={onReplace}>
        Choose another file
      </button>
    </div>
  );
}
