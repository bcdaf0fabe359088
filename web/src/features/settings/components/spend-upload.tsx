import { useId, useState } from 'react';
import { ColumnHeads } from '../../../components/admin-table';
import { LabelledInput, LabelledSelect } from '../../../components/labelled-control';
import { OptionList } from '../../../components/option-list';
import { errorMessage } from '../../../lib/api-client';
import { formatMoney } from '../../../lib/format';
import { type SpendImportReport, type SpendPresetName, useImportSpend } from '../api/import-spend';

const layouts: { value: SpendPresetName | ''; label: string; source: string | null }[] = [
  { value: '', label: 'Recognise it from its columns', source: null },
  { value: 'google-ads', label: 'Google Ads report', source: 'Paid search' },
  { value: 'linkedin-ads', label: 'LinkedIn Campaign Manager export', source: 'LinkedIn ads' },
  { value: 'meta-ads', label: 'Meta Ads Manager export', source: 'Paid social' },
  { value: 'spend', label: 'Month, source, amount', source: null },
];

const monthName = (month: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}T00:00:00Z`),
  );

/**
 * A spend export from an ad platform: previewed first (which month of which source becomes what),
 * then imported. Each month holds the month's whole spend, so importing a file again changes nothing.
 */
export function SpendUpload() {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [layout, setLayout] = useState<SpendPresetName | ''>('');
  const [source, setSource] = useState('');
  const [preview, setPreview] = useState<SpendImportReport | null>(null);
  const [done, setDone] = useState<SpendImportReport | null>(null);
  const send = useImportSpend();
  const chosen = layouts.find((l) => l.value === layout);

  const run = (dryRun: boolean) => {
    if (!file) return;
    send.mutate(
      { file, preset: layout || undefined, source: source.trim() || undefined, dryRun },
      {
        onSuccess: (report) => {
          if (dryRun) setPreview(report);
          else {
            setDone(report);
            setPreview(null);
          }
        },
      },
    );
  };
  const report = preview ?? done;

  return (
    <section className="card spend-upload" aria-labelledby="spend-upload-title">
      <header className="settings-section-head">
        <h2 id="spend-upload-title" className="settings-section-title">
          Import a spend export
        </h2>
        <p className="settings-section-text">
          A daily or monthly report from Google Ads, LinkedIn or Meta, or any CSV with month, source and
          amount. You see what each month becomes before anything is written.
        </p>
      </header>
      <div className="spend-upload-fields">
        <span className="setting-label">File</span>
        <div className="spend-file">
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            data-testid="spend-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setDone(null);
              send.reset();
              e.target.value = '';
            }}
          />
          <label htmlFor={fileId} className="button button-secondary">
            {file ? 'Choose another file' : 'Choose a file'}
          </label>
          <span className={file ? 'spend-file-name' : 'spend-file-name muted'}>
            {file ? file.name : 'No file chosen'}
          </span>
        </div>
        <LabelledSelect
          label="Layout"
          labelClassName="setting-label"
          className="select"
          value={layout}
          onChange={(e) => {
            setLayout(e.target.value as SpendPresetName | '');
            setPreview(null);
          }}
        >
          <OptionList options={layouts} />
        </LabelledSelect>
        <LabelledInput
          label="Book it to"
          labelClassName="setting-label"
          className="text-input"
          value={source}
          placeholder={chosen?.source ?? 'the source named in the file'}
          onChange={(e) => {
            setSource(e.target.value);
            setPreview(null);
          }}
          maxLength={100}
        />
      </div>
      {send.isError && (
        <p className="form-error" role="alert">
          {errorMessage(send.error)}
        </p>
      )}
      {report && <SpendReport report={report} />}
      <footer className="settings-footer">
        <p className="settings-status" aria-live="polite">
          {done && !preview ? (
            <span className="status-good">
              Imported: {done.months.length} {done.months.length === 1 ? 'month' : 'months'} changed.
            </span>
          ) : preview ? (
            `${preview.months.length} ${preview.months.length === 1 ? 'month' : 'months'} would change.`
          ) : (
            'Nothing is written until you import.'
          )}
        </p>
        <button
          type="button"
          className="button button-secondary"
          disabled={!file || send.isPending}
          onClick={() => run(true)}
          data-testid="spend-preview"
        >
          {send.isPending && !preview ? 'Reading…' : 'Preview'}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!preview || preview.months.length === 0 || send.isPending}
          onClick={() => run(false)}
          data-testid="spend-import"
        >
          {send.isPending && preview ? 'Importing…' : 'Import'}
        </button>
      </footer>
    </section>
  );
}

function SpendReport({ report }: { report: SpendImportReport }) {
  return (
    <div className="spend-report" data-testid="spend-report">
      <p>
        {report.label}: {report.read.toLocaleString('en-US')} rows read,{' '}
        {report.accepted.toLocaleString('en-US')} used
        {report.rejected > 0 && `, ${report.rejected.toLocaleString('en-US')} left out`}.
      </p>
      {report.months.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <ColumnHeads
                  names={[
                    { name: 'Month', className: 'sticky-col' },
                    'Source',
                    { name: 'Now', className: 'num' },
                    { name: report.dryRun ? 'Becomes' : 'Became', className: 'num' },
                  ]}
                />
              </tr>
            </thead>
            <tbody>
              {report.months.map((m) => (
                <tr key={`${m.source}|${m.month}`}>
                  <th scope="row" className="sticky-col">
                    {monthName(m.month)}
                  </th>
                  <td>{m.source}</td>
                  <td className="num">{m.before === null ? '—' : formatMoney(m.before)}</td>
                  <td className="num">{m.after === null ? '—' : formatMoney(m.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.problems.length > 0 && (
        <ul className="spend-problems">
          {report.problems.slice(0, 20).map((p) => (
            <li key={`${p.line}-${p.column}`}>
              Line {p.line}
              {p.column ? `, ${p.column}` : ''}: {p.message}
            </li>
          ))}
          {report.problems.length > 20 && <li>…and {report.problems.length - 20} more.</li>}
        </ul>
      )}
    </div>
  );
}
