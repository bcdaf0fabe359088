import { useId } from 'react';
import { LabelledSelect } from '../../../components/labelled-control';
import { Segmented } from '../../../components/segmented';
import { TimeZoneSelect } from '../../../components/time-zone-select';
import { errorMessage } from '../../../lib/api-client';
import type { ImportPreset } from '../api/get-presets';
import type { ImportMode, ImportPreview, LeadField } from '../api/preview-import';
import { type CsvSample, columnValues } from '../csv-sample';
import type { Draft, ReadOptions } from '../draft';
import { capitalise, isOrderProblem } from '../problems';
import { MappingTable } from './mapping-table';
import { ValueMap } from './value-map';

export interface ColumnsStepProps {
  preview: ImportPreview;
  draft: Draft;
  sample: CsvSample | null;
  presets: ImportPreset[] | undefined;
  options: ReadOptions;
  defaultTimezone: string;
  refreshing: boolean;
  previewError: unknown;
  onRetry: () => void;
  onPreset: (name: string) => void;
  onMode: (mode: ImportMode) => void;
  onOptions: (patch: ReadOptions) => void;
  onMapping: (field: LeadField, column: string | undefined) => void;
  onConstant: (field: LeadField, value: string | undefined) => void;
  onValues: (column: string, map: Record<string, string>) => void;
  onBack: () => void;
  onNext: () => void;
}

const modeOptions = [
  {
    value: 'upsert',
    label: 'New and updated leads',
    title: 'Adds the leads that are new and updates the ones imported before (matched by lead ID).',
  },
  {
    value: 'update',
    label: 'Updates only',
    title: 'A second file, such as closed deals: only updates leads already here; unknown IDs are reported.',
  },
] as const;

/** Step 2: the kind of export, how rows are written, the time zone and the date order, then field by field. */
export function ColumnsStep(props: ColumnsStepProps) {
  const { preview, draft, sample, presets, options, refreshing } = props;
  const tzId = useId();
  const tzHint = useId();
  const modeHint = useId();
  const stageColumn = draft.mapping.stage;
  const dateColumns = Object.entries(preview.dateFormats);
  // A mapping problem leaves the preview without date formats: the problem itself names the column.
  const unclear = [
    ...new Set([
      ...dateColumns.filter(([, f]) => f.style === 'ambiguous').map(([c]) => c),
      ...preview.problems.filter((p) => p.column && isOrderProblem(p.message)).map((p) => p.column as string),
    ]),
  ];
  const mixed = dateColumns.filter(([, f]) => f.style === 'mixed' || f.style === 'invalid');
  const problems = preview.problems.filter((p) => !isOrderProblem(p.message));
  const mapped = Object.keys(draft.mapping).length;
  return (
    <div className={refreshing ? 'wizard-body is-refreshing' : 'wizard-body'} aria-busy={refreshing}>
      <h2 id="wizard-step-title" className="visually-hidden">
        Match columns
      </h2>
      <div className="import-options">
        <div className="option-field">
          <LabelledSelect
            label="Kind of export"
            labelClassName="option-label"
            className="select"
            value={draft.preset ?? ''}
            onChange={(e) => props.onPreset(e.target.value)}
            data-testid="import-preset"
          >
            <option value="">Other CSV (match the columns yourself)</option>
            {presets?.map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
                {p.name === preview.detectedPreset ? ' (recognised)' : ''}
              </option>
            ))}
          </LabelledSelect>
          <p className="option-hint">
            A known export fills the columns in for you; change any of them below.
          </p>
        </div>
        <div className="option-field">
          <Segmented
            legend="Rows in this file are"
            showLegend
            options={modeOptions}
            value={draft.mode}
            onChange={props.onMode}
            testId="import-mode"
            describedBy={modeHint}
          />
          <p id={modeHint} className="option-hint">
            {draft.mode === 'upsert'
              ? 'New leads are added; leads imported before (same ID) are updated.'
              : 'A second file, e.g. closed deals: adds won dates and amounts to leads already here. IDs not found are reported, not added.'}
          </p>
        </div>
        <div className="option-field">
          <label htmlFor={tzId} className="option-label">
            Time zone
          </label>
          <TimeZoneSelect
            id={tzId}
            value={options.timezone ?? props.defaultTimezone}
            onChange={(timezone) => props.onOptions({ timezone })}
            describedBy={tzHint}
            testId="import-timezone"
          />
          <p id={tzHint} className="option-hint">
            For dates written without a zone. Default: the company’s time zone in Settings.
          </p>
        </div>
      </div>

      {(unclear.length > 0 || options.dateOrder) && (
        <div className="callout date-order" data-testid="date-order">
          <div>
            <p className="callout-title">Which comes first in these dates, the day or the month?</p>
            <p className="callout-text">
              {unclear.length > 0 ? (
                <>
                  No day above 12 in {unclear.map((c) => `“${c}”`).join(', ')}
                  {sample && unclear[0] ? (
                    <>
                      {' '}
                      (e.g. <code>{columnValues(sample, unclear[0])?.examples[0] ?? '—'}</code>)
                    </>
                  ) : null}
                  , so both readings fit. Pick the one your CRM uses.
                </>
              ) : (
                'Dates written with the day and the month before the year are read this way.'
              )}
            </p>
          </div>
          <Segmented
            legend="Date order"
            options={[
              { value: 'mdy', label: 'Month first (US: 3/31/2026)' },
              { value: 'dmy', label: 'Day first (31/03/2026)' },
            ]}
            value={options.dateOrder ?? ('' as 'mdy')}
            onChange={(dateOrder) => props.onOptions({ dateOrder })}
            size="small"
            testId="date-order-choice"
          />
        </div>
      )}

      {props.previewError ? (
        <div className="form-error wizard-alert" role="alert">
          <p>The preview could not be made: {errorMessage(props.previewError)}</p>
          <button type="button" className="button button-secondary button-small" onClick={props.onRetry}>
            Try again
          </button>
        </div>
      ) : problems.length > 0 ? (
        <div className="banner is-warning wizard-alert" role="status" data-testid="mapping-problems">
          <p className="banner-title">The file cannot be imported this way yet:</p>
          <ul className="problem-bullets">
            {problems.map((p) => (
              <li key={`${p.column}:${p.message}`}>{capitalise(p.message)}</li>
            ))}
          </ul>
          {mixed.length > 0 && <p>Dates that mix both orders need fixing in the file itself.</p>}
        </div>
      ) : null}

      <MappingTable
        preview={preview}
        draft={draft}
        sample={sample}
        unclear={unclear}
        onMapping={props.onMapping}
        onConstant={props.onConstant}
      />

      {stageColumn && (
        <ValueMap
          column={stageColumn}
          map={draft.values[stageColumn] ?? {}}
          values={sample ? columnValues(sample, stageColumn) : null}
          sampledRows={sample?.rows.length ?? 0}
          onChange={(map) => props.onValues(stageColumn, map)}
        />
      )}

      <footer className="wizard-footer">
        <button type="button" className="button button-ghost" onClick={props.onBack}>
          Back
        </button>
        <p className="wizard-status" aria-live="polite">
          {refreshing
            ? 'Checking the first rows…'
            : `${mapped} ${mapped === 1 ? 'field' : 'fields'} matched${
                preview.problems.length ? ` · ${preview.problems.length} to fix` : ''
              }`}
        </p>
        <button
          type="button"
          className="button button-primary"
          onClick={props.onNext}
          data-testid="import-next"
        >
          Check the rows
          <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M6 3.5 10.5 8 6 12.5" />
          </svg>
        </button>
      </footer>
    </div>
  );
}
