import { ColumnHeads } from '../../../components/admin-table';
import type { ImportPreview, LeadField, StoredLead } from '../api/preview-import';
import type { Draft } from '../draft';
import { fieldInfo, leadFields, stageLabel } from '../fields';

/** The stored key of a field, where it differs (the CRM's sales-ready time is kept apart from the rule's). */
const storedKey: Partial<Record<LeadField, keyof StoredLead>> = { salesReadyAt: 'crmSalesReadyAt' };

const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function show(field: LeadField, lead: StoredLead): string {
  if (field === 'stage') {
    if (!lead.stage && !lead.status) return '';
    const stage = lead.stage ? stageLabel(lead.stage) : '';
    return lead.status && lead.status !== 'open' && lead.status !== lead.stage
      ? `${stage} (${lead.status})`
      : stage || lead.status || '';
  }
  const value = lead[storedKey[field] ?? (field as keyof StoredLead)];
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return field === 'amount' ? amount.format(value) : String(value);
  if (fieldInfo[field].kind === 'date') {
    // Instants are stored in UTC; shown in UTC, as the column heading says.
    const iso = String(value);
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  return String(value);
}

/** The first rows as they will be stored, field by field, and the rows that would be skipped with why. */
export function PreviewTable({ preview, draft }: { preview: ImportPreview; draft: Draft }) {
  const fields = leadFields.filter((f) => draft.mapping[f] || draft.constants[f] !== undefined);
  const hasStatus = fields.includes('stage') || fields.includes('wonAt') || fields.includes('lostAt');
  return (
    <div
      className="table-scroll preview-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways; the keyboard must reach it
      tabIndex={0}
    >
      <table className="data-table preview-table" data-testid="preview-table">
        <thead>
          <tr>
            <th scope="col" className="num preview-line">
              Line
            </th>
            {fields.map((f) => (
              <th key={f} scope="col">
                {fieldInfo[f].label}
                {fieldInfo[f].kind === 'date' && <span className="th-aside">UTC</span>}
              </th>
            ))}
            {hasStatus && !fields.includes('stage') && <th scope="col">Status</th>}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr
              key={row.line}
              className={row.lead ? undefined : 'has-problem'}
              data-testid={`preview-row-${row.line}`}
            >
              <td className="num preview-line">{row.line}</td>
              {row.lead ? (
                <>
                  {fields.map((f) => {
                    const text = show(f, row.lead as StoredLead);
                    return (
                      <td
                        key={f}
                        className={f === 'externalId' ? 'preview-id' : undefined}
                        title={text || undefined}
                      >
                        {text === '' ? <span className="muted">—</span> : text}
                      </td>
                    );
                  })}
                  {hasStatus && !fields.includes('stage') && <td>{row.lead.status ?? 'open'}</td>}
                </>
              ) : (
                <td
                  colSpan={fields.length + (hasStatus && !fields.includes('stage') ? 1 : 0)}
                  className="preview-problem"
                >
                  <span className="problem-tag">Skipped</span>
                  {row.problems.length
                    ? row.problems.map((p) => `${p.column ? `${p.column}: ` : ''}${p.message}`).join('; ')
                    : 'Not mapped: fix the columns first.'}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every problem found in the rows read: where (line and column) and what. */
export function ProblemList({
  problems,
  testId,
  limit = 200,
}: {
  problems: { line: number; column: string | null; message: string }[];
  testId?: string;
  limit?: number;
}) {
  const shown = problems.slice(0, limit);
  return (
    <div className="table-scroll problems-scroll">
      <table className="data-table problems-table" data-testid={testId}>
        <thead>
          <tr>
            <ColumnHeads names={[{ name: 'Line', className: 'num' }, 'Column', 'Problem']} />
          </tr>
        </thead>
        <tbody>
          {shown.map((p, i) => (
            <tr key={i}>
              <td className="num">{p.line > 0 ? p.line : '—'}</td>
              <td>{p.column ? <code>{p.column}</code> : <span className="muted">Whole row</span>}</td>
              <td className="problem-message">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > shown.length && (
        <p className="table-foot">
          {problems.length - shown.length} more not shown here; the download has them all.
        </p>
      )}
    </div>
  );
}
