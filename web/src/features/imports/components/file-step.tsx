import { type DragEvent, useId, useState } from 'react';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { formatBytes } from '../../../lib/format';
import type { ImportPreset } from '../api/get-presets';

interface FileStepProps {
  /** The file being read for its preview, if any. */
  reading: File | null;
  /** The name of the file last chosen (the one an error is about). */
  lastFile?: string;
  error: unknown;
  presets: ImportPreset[] | undefined;
  onFile: (file: File) => void;
  /** The file is not UTF-8: offer to read it as Latin-1 (Windows-1252). */
  onLatin1?: () => void;
  /** An unfinished import of the file just chosen (its parts sent before are stored). */
  resumable?: { fileName: string; id: number; committedBytes: number; size: number } | null;
  onResume?: () => void;
  onStartOver?: () => void;
  /** Why the last sending stopped, if it did. */
  sendError?: unknown;
}

const maxBytes = 2 * 1024 ** 3;

/** Step 1: a CSV export, dropped or chosen; what kinds of file work. */
export function FileStep({
  reading,
  lastFile,
  error,
  presets,
  onFile,
  onLatin1,
  resumable,
  onResume,
  onStartOver,
  sendError,
}: FileStepProps) {
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  const [local, setLocal] = useState<string | null>(null);

  const take = (file: File | undefined) => {
    if (!file) return;
    if (file.size === 0) return setLocal(`“${file.name}” is empty.`);
    if (file.size > maxBytes)
      return setLocal(`“${file.name}” is ${formatBytes(file.size)}; the limit is 2 GB.`);
    setLocal(null);
    onFile(file);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };
  // The API names the field at fault ("file"); here there is only the file, so its words go alone.
  const said = error ? (isApiError(error) && error.status > 0 ? error.message : errorMessage(error)) : null;
  const problem =
    local ?? (said ? `${lastFile ? `“${lastFile}” cannot be read: ` : ''}${said.replace(/\.$/, '')}.` : null);
  const latin1 = Boolean(said && onLatin1 && /latin-?1/i.test(said));

  return (
    <div className="import-file-step">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file input inside is the way for every input device. */}
      <div
        className={['dropzone', dragging ? 'is-dragging' : '', reading ? 'is-busy' : ''].join(' ').trim()}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        data-testid="import-dropzone"
      >
        {reading ? (
          <div className="dropzone-body" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            <p className="dropzone-title">Reading {reading.name}…</p>
            <p className="dropzone-text">
              Checking its columns and first rows ({formatBytes(reading.size)}).
            </p>
          </div>
        ) : (
          <div className="dropzone-body">
            <svg className="dropzone-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5M5 14v4.5A1.5 1.5 0 0 0 6.5 20h11a1.5 1.5 0 0 0 1.5-1.5V14" />
            </svg>
            <p className="dropzone-title">
              {dragging ? 'Release to read the file' : 'Drop a CSV export here'}
            </p>
            <p className="dropzone-text" id={hintId}>
              or choose it from your computer. Up to 2 GB; nothing is written until you import.
            </p>
            <input
              id={inputId}
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/plain"
              className="visually-hidden"
              aria-describedby={hintId}
              data-testid="import-file"
              onChange={(e) => {
                take(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <label htmlFor={inputId} className="button button-primary file-button">
              Choose a file
            </label>
          </div>
        )}
      </div>
      {resumable && (
        <div className="callout import-resume" role="status" data-testid="import-resume">
          <div>
            <p className="callout-title">This file’s import stopped before its end</p>
            <p className="callout-text">
              Import #{resumable.id} of “{resumable.fileName}” has {formatBytes(resumable.committedBytes)} of{' '}
              {formatBytes(resumable.size)} stored. Resuming sends the rest, with the columns chosen then; no
              row is imported twice.
            </p>
          </div>
          <div className="import-resume-actions">
            <button type="button" className="button button-primary" onClick={onResume}>
              Resume the import
            </button>
            <button type="button" className="button button-secondary" onClick={onStartOver}>
              Start over
            </button>
          </div>
        </div>
      )}
      {!resumable && sendError !== null && sendError !== undefined && (
        <p className="form-error import-file-error" role="alert">
          The import stopped: {errorMessage(sendError).replace(/\.$/, '')}.
        </p>
      )}
      {problem && (
        <div className="form-error import-file-error" role="alert">
          <p>{problem}</p>
          {latin1 && (
            <button type="button" className="button button-secondary button-small" onClick={onLatin1}>
              Read it as Latin-1
            </button>
          )}
        </div>
      )}
      <section className="import-help" aria-labelledby="import-help-title">
        <h2 id="import-help-title" className="import-help-title">
          Files that work
        </h2>
        <ul className="import-help-list">
          <li>
            <b>Known exports</b> are recognised by their columns and mapped for you:{' '}
            {presets ? presets.map((p) => p.label).join(', ') : 'HubSpot, Salesforce and more'}.
          </li>
          <li>
            <b>Any other CSV</b> with a header row: you match its columns to lead fields.
          </li>
          <li>
            <b>Dates</b> in ISO, <code>YYYY-MM-DD HH:MM:SS</code>, US or European order, with or without a
            time zone.
          </li>
          <li>
            <b>A second file</b> (e.g. closed deals) can update leads imported before, matched by their ID.
          </li>
        </ul>
      </section>
    </div>
  );
}
