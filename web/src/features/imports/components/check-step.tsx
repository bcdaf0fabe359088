import type { ReactNode } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { formatInteger } from '../../../lib/format';
import type { ImportPreview, LeadField } from '../api/preview-import';
import type { CsvSample } from '../csv-sample';
import type { Draft } from '../draft';
import { capitalise } from '../problems';
import { PreviewTable, ProblemList } from './preview-table';

/** Step 3: the first rows as they will be stored, the problems found in them, and the Import button. */
export function CheckStep({
  preview,
  draft,
  sample,
  refreshing,
  starting,
  startError,
  onBack,
  onImport,
  children,
}: {
  preview: ImportPreview;
  draft: Draft;
  sample: CsvSample | null;
  refreshing: boolean;
  starting: boolean;
  startError: unknown;
  onBack: () => void;
  onImport: () => void;
  /** Shown before the Import button: the sources to confirm. */
  children?: ReactNode;
}) {
  const rowProblems = preview.rows.flatMap((r) => r.problems);
  const skipped = preview.rows.filter((r) => !r.lead).length;
  const blocked = preview.problems.length > 0;
  const rows = sample
    ? `${sample.complete ? '' : 'about '}${formatInteger(sample.estimatedRows)} rows`
    : 'the file';
  return (
    <div className={refreshing ? 'wizard-body is-refreshing' : 'wizard-body'} aria-busy={refreshing}>
      <div className="check-head">
        <div>
          <h2 id="wizard-step-title" className="check-title">
            The first {preview.rows.length} rows, as they will be stored
          </h2>
          <p className="check-text">
            {blocked
              ? 'Nothing can be stored until the columns are fixed.'
              : skipped === 0
                ? `All ${preview.rows.length} read well. The rest of the file is checked the same way as it imports.`
                : `${preview.rows.length - skipped} read well, ${skipped} would be skipped. Skipped rows are listed in the report, with a file to fix them.`}
          </p>
        </div>
        <dl className="check-facts">
          <div>
            <dt>Rows were</dt>
            <dd>{draft.mode === 'upsert' ? 'New and updated leads' : 'Updates only'}</dd>
          </div>
          <div>
            <dt>Fields</dt>
            <dd>
              {Object.keys(draft.mapping).length +
                Object.keys(draft.constants).filter((f) => !draft.mapping[f as LeadField]).length}
            </dd>
          </div>
        </dl>
      </div>

      {blocked && (
        <div className="banner is-warning wizard-alert" role="status">
          <p className="banner-title">Go back and fix the columns first:</p>
          <ul className="problem-bullets">
            {preview.problems.map((p) => (
              <li key={`${p.column}:${p.message}`}>{capitalise(p.message)}</li>
            ))}
          </ul>
        </div>
      )}

      {rowProblems.length > 0 && (
        <div className="check-problems">
          <h3 className="check-subtitle">Problems in these rows</h3>
          <ProblemList problems={rowProblems} testId="row-problems" />
        </div>
      )}

      <PreviewTable preview={preview} draft={draft} />

      {children}

      {startError ? (
        <div className="form-error wizard-alert" role="alert">
          The import could not start: {errorMessage(startError)}
        </div>
      ) : null}

      <footer className="wizard-footer">
        <button type="button" className="button button-ghost" onClick={onBack}>
          Back to the columns
        </button>
        <p className="wizard-status">Rows with problems are skipped and listed in the report.</p>
        <button
          type="button"
          className="button button-primary"
          onClick={onImport}
          disabled={blocked || refreshing || starting}
          data-testid="import-start"
        >
          {starting ? 'Starting…' : `Import ${rows}`}
        </button>
      </footer>
    </div>
  );
}
