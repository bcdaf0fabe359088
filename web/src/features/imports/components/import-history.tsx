import { AdminTableCard } from '../../../components/admin-table';
import { StatusPill } from '../../../components/status-pill';
import { formatDateTime, formatElapsed, formatInteger } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { type ImportHistoryRow, useImportHistory } from '../api/get-imports';
import { modeNames } from '../fields';

const countColumns = ['Read', 'New', 'Updated', 'Rejected', 'Took'];

const statuses = {
  running: { name: 'Running', tone: 'accent' },
  completed: { name: 'Completed', tone: 'good' },
  failed: { name: 'Failed', tone: 'bad' },
  interrupted: { name: 'Interrupted', tone: undefined },
} as const;

/** Every import so far, newest first, each opening its report. */
export function ImportHistory({ current }: { current?: number }) {
  const history = useImportHistory();
  return (
    <AdminTableCard
      id="import-history-title"
      title="Import history"
      subtitle="The 50 latest imports. Open one for its report and its rejected rows."
      testId="import-history"
      query={history}
      errorTitle="The history could not be loaded"
      empty={{
        title: 'No imports yet',
        text: 'Files you import are listed here with their counts, so you can check what came in and when.',
      }}
      className="history-table"
      head={
        <>
          <th scope="col">File</th>
          <th scope="col">
            Started <span className="th-aside">UTC</span>
          </th>
          <th scope="col">Status</th>
          {countColumns.map((name) => (
            <th key={name} scope="col" className="num">
              {name}
            </th>
          ))}
        </>
      }
      skeletonCells={['skeleton-cell-wide', ...Array(7).fill('skeleton-cell')]}
      skeletonRows={3}
      busyUntilLoaded
    >
      {(rows) => rows.map((row) => <HistoryRow key={row.id} row={row} current={row.id === current} />)}
    </AdminTableCard>
  );
}

function HistoryRow({ row, current }: { row: ImportHistoryRow; current: boolean }) {
  return (
    <tr className={current ? 'is-selected' : undefined} data-testid={`import-row-${row.id}`}>
      <th scope="row" className="history-file">
        <Link
          to={`/imports?import=${row.id}`}
          className="row-link"
          aria-current={current || undefined}
          title={row.fileName}
        >
          {row.fileName}
        </Link>
        <span className="row-meta">
          #{row.id} · {modeNames[row.mode]}
        </span>
      </th>
      <td>
        {formatDateTime(row.startedAt, { zone: false })}
        <span className="row-meta" title={row.userEmail ?? undefined}>
          {row.userEmail ? `by ${row.userEmail}` : 'by a user since removed'}
        </span>
      </td>
      <td>
        <StatusPill tone={statuses[row.status].tone}>{statuses[row.status].name}</StatusPill>
      </td>
      <td className="num">{formatInteger(row.read)}</td>
      <td className="num">{formatInteger(row.inserted)}</td>
      <td className="num">{formatInteger(row.updated)}</td>
      <td className={row.rejected > 0 ? 'num is-bad-figure' : 'num'}>{formatInteger(row.rejected)}</td>
      <td className="num">{row.status === 'running' ? '…' : formatElapsed(row.startedAt, row.finishedAt)}</td>
    </tr>
  );
}
