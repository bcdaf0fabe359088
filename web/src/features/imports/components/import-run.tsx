import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { ErrorState } from '../../../components/error-state';
import { isApiError } from '../../../lib/api-client';
import { formatBytes, formatDateTime, formatElapsed, formatInteger } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { type ImportRun, useImport } from '../api/get-import';
import { usePresets } from '../api/get-presets';
import type { UploadProgress } from '../api/start-import';
import { modeNames } from '../fields';
import { downloadText, problemsCsv, rejectedRowsCsv } from '../rejected-csv';
import { ProblemList } from './preview-table';

/** What this browser still knows about an import it started: the file itself, and how it was read. */
export interface LocalRun {
  file: File;
  estimatedRows: number | null;
  exactRows: boolean;
  delimiter: string;
  encoding: 'utf-8' | 'latin1';
  presetLabel: string | null;
}

interface ImportRunViewProps {
  id: number;
  local: LocalRun | undefined;
  onAnother: () => void;
}

/** A started import: live progress while it runs, then its report. */
export function ImportRunView({ id, local, onAnother }: ImportRunViewProps) {
  const run = useImport(id);
  const queryClient = useQueryClient();
  const status = run.data?.status;
  // Started from this page, or seen running: its end changes what other views show.
  const finishedHere = useRef(local !== undefined);
  useEffect(() => {
    if (status === 'running') finishedHere.current = true;
    else if (status && finishedHere.current) {
      // It finished while on screen: the history, the figures and the source list have moved on.
      finishedHere.current = false;
      void queryClient.invalidateQueries({ queryKey: ['imports', 'history'] });
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      void queryClient.invalidateQueries({ queryKey: ['sources'] });
    }
  }, [status, queryClient]);
  if (run.isError && !run.data) {
    return isApiError(run.error, 'not_found') ? (
      <div className="state-panel state-empty">
        <h2 className="state-title">No import #{id}</h2>
        <p className="state-text">It may have been started on another server. Start a new import instead.</p>
        <button type="button" className="button button-primary" onClick={onAnother}>
          Import a file
        </button>
      </div>
    ) : (
      <ErrorState
        title="The import’s progress could not be loaded"
        error={run.error}
        onRetry={() => void run.refetch()}
        retrying={run.isFetching}
      />
    );
  }
  if (!run.data || run.data.status === 'running') {
    return (
      <ImportProgress
        fileName={local?.file.name ?? run.data?.fileName ?? `import #${id}`}
        run={run.data}
        local={local}
      />
    );
  }
  return <ImportReportView run={run.data} local={local} onAnother={onAnother} />;
}

interface ImportProgressProps {
  fileName: string;
  run?: ImportRun;
  local?: LocalRun;
  /** While the file is being sent in chunks: the bytes the server has stored, and the rows so far. */
  upload?: UploadProgress;
}

/**
 * The progress bar: while the file is sent, the bytes the server has stored (each chunk is written
 * as it arrives); otherwise rows read against the rows the file is thought to hold.
 */
export function ImportProgress({ fileName, run, local, upload }: ImportProgressProps) {
  const uploading = upload !== undefined;
  const total = local?.estimatedRows ?? null;
  const read = upload?.read ?? run?.read ?? 0;
  const fraction = uploading
    ? upload.size > 0
      ? upload.committedBytes / upload.size
      : 0
    : total
      ? Math.min(read / total, 0.99)
      : null;
  const percent = fraction === null ? null : Math.round(fraction * 100);
  const label = uploading
    ? `Importing ${fileName}`
    : run
      ? `Importing ${fileName}`
      : `Starting the import of ${fileName}`;
  return (
    <section
      className="card import-progress"
      aria-labelledby="import-progress-title"
      data-testid="import-progress"
    >
      <CardHeader
        id="import-progress-title"
        title={`${label}…`}
        subtitle={
          uploading
            ? `${formatBytes(upload.committedBytes)} of ${formatBytes(upload.size)} stored. Each part is written as it arrives: if the connection drops, choose the same file again to continue.`
            : `${formatInteger(read)}${total ? ` of ${local?.exactRows ? '' : 'about '}${formatInteger(total)}` : ''} rows read. Rows are written in batches of 5,000: each batch is kept even if a later one fails.`
        }
      >
        <span className="progress-percent" aria-hidden="true">
          {percent === null ? '' : `${percent}%`}
        </span>
      </CardHeader>
      <div className="progress-frame">
        <div
          className={fraction === null ? 'progress is-indeterminate' : 'progress'}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={
            uploading
              ? `${formatInteger(read)} rows read, ${percent}% of the file stored`
              : `${formatInteger(read)} rows read${percent === null ? '' : `, ${percent}%`}`
          }
        >
          <span
            className={uploading ? 'progress-fill is-upload' : 'progress-fill'}
            style={{ width: `${(fraction ?? 0.3) * 100}%` }}
          />
        </div>
      </div>
      <Counts run={upload ?? run} live />
    </section>
  );
}

function Counts({
  run,
  live = false,
}: {
  run?: Pick<ImportRun, 'read' | 'inserted' | 'updated' | 'rejected'> & { unchanged?: number };
  live?: boolean;
}) {
  const items = [
    { key: 'read', label: 'Rows read', value: run?.read },
    { key: 'inserted', label: 'New leads', value: run?.inserted },
    { key: 'updated', label: 'Updated', value: run?.updated },
    ...(live ? [] : [{ key: 'unchanged', label: 'Unchanged', value: run?.unchanged }]),
    { key: 'rejected', label: 'Rejected', value: run?.rejected },
  ];
  return (
    <dl className={live ? 'import-counts is-live' : 'import-counts'} aria-live={live ? 'polite' : undefined}>
      {items.map((item) => (
        <div
          key={item.key}
          className={
            item.key === 'rejected' && (item.value ?? 0) > 0 ? 'import-count is-bad' : 'import-count'
          }
        >
          <dt>{item.label}</dt>
          <dd data-testid={`import-${item.key}`}>
            {item.value === undefined ? '—' : formatInteger(item.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The finished import: counts, the problems with their lines, and the rejected rows to download. */
function ImportReportView({
  run,
  local,
  onAnother,
}: {
  run: ImportRun;
  local: LocalRun | undefined;
  onAnother: () => void;
}) {
  const [preparing, setPreparing] = useState(false);
  const presets = usePresets();
  const presetLabel =
    local?.presetLabel ?? presets.data?.find((p) => p.name === run.preset)?.label ?? run.preset;
  const failed = run.status === 'failed';
  const listed = run.errors.filter((e) => e.line > 0 || !/more problems are not listed/.test(e.message));
  const overflow = run.errors.find((e) => e.line === 0 && /more problems are not listed/.test(e.message));
  const rowProblems = listed.filter((e) => e.line > 1);
  const tone = failed ? 'bad' : run.rejected > 0 ? 'warn' : 'good';
  const base = run.fileName.replace(/\.[^.]+$/, '');
  const sameFile = local && local.file.name === run.fileName;

  const download = async () => {
    setPreparing(true);
    try {
      const csv =
        sameFile && local
          ? await rejectedRowsCsv(local.file, rowProblems, local.delimiter, local.encoding)
          : problemsCsv(rowProblems);
      downloadText(csv, `${base}-rejected-rows.csv`);
    } finally {
      setPreparing(false);
    }
  };

  return (
    <section
      className={`card import-report tone-${tone}`}
      aria-labelledby="import-report-title"
      data-testid="import-report"
    >
      <header className="import-report-head">
        <span className="report-icon" aria-hidden="true">
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {failed ? (
              <path d="M8 8l8 8M16 8l-8 8" />
            ) : tone === 'warn' ? (
              <path d="M12 7.5v5.5M12 16.2v.3" />
            ) : (
              <path d="M6.5 12.5l3.5 3.5 7.5-8" />
            )}
          </svg>
        </span>
        <div className="import-report-heading">
          <h2
            id="import-report-title"
            className="import-report-title"
            data-testid="import-status"
            data-status={run.status}
          >
            {failed
              ? 'The import failed'
              : run.rejected > 0
                ? `Imported, with ${formatInteger(run.rejected)} ${run.rejected === 1 ? 'row' : 'rows'} rejected`
                : 'Imported'}
          </h2>
          <p className="import-report-meta">
            <b>{run.fileName}</b>
            <span className="page-dot" aria-hidden="true">
              ·
            </span>
            {modeNames[run.mode]}
            {presetLabel && (
              <>
                <span className="page-dot" aria-hidden="true">
                  ·
                </span>
                {presetLabel}
              </>
            )}
            <span className="page-dot" aria-hidden="true">
              ·
            </span>
            {formatDateTime(run.startedAt)}
            {run.finishedAt && <> in {formatElapsed(run.startedAt, run.finishedAt)}</>}
            {run.userEmail && <> by {run.userEmail}</>}
          </p>
        </div>
        <div className="import-report-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={onAnother}
            data-testid="import-another"
          >
            Import another file
          </button>
        </div>
      </header>
      {failed && listed[0] && (
        <p className="form-error import-failure" role="alert">
          {listed.find((e) => e.line <= 1)?.message ?? listed[0].message}
        </p>
      )}
      <Counts run={run} />
      {!failed && (run.inserted > 0 || run.updated > 0) && (
        <p className="import-next">
          Figures on every page include these leads now. <Link to="/leads">Open the lead list</Link>
          {run.inserted > 0 && (
            <>
              {' '}
              or <Link to="/settings/sources">give new sources a category</Link>: sources SalesReady did not
              know are filed under Other.
            </>
          )}
        </p>
      )}
      {listed.length > 0 && (
        <div className="import-problems">
          <div className="import-problems-head">
            <h3 className="import-problems-title">
              {rowProblems.length > 0
                ? `Rows with problems (${formatInteger(rowProblems.length)}${overflow ? '+' : ''})`
                : 'Problems'}
            </h3>
            {rowProblems.length > 0 && (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => void download()}
                disabled={preparing}
                data-testid="download-rejected"
              >
                <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13h10" />
                </svg>
                {preparing ? 'Preparing…' : 'Download rejected rows (CSV)'}
              </button>
            )}
          </div>
          <p className="import-problems-text">
            {sameFile
              ? 'The download has each row as your file writes it, with its line and what is wrong: fix them and import that file.'
              : 'The download lists each problem with its line and column.'}{' '}
            {overflow ? `${overflow.message}.` : ''}
          </p>
          <ProblemList problems={listed} testId="report-problems" limit={100} />
        </div>
      )}
    </section>
  );
}
