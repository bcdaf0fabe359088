import { AdminTable } from '../../../components/admin-table';
import { CardHeader } from '../../../components/card-header';
import { formatElapsed, formatInteger } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { type ImportHistoryRow, useImportHistory } from '../api/get-imports';
import { modeNames } from '../fields';

const startedAt = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});

const statusNames = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted',
} as const;

/** Every import so far, newest first, each opening its report. */
export function ImportHistory({ current }: { current?: number }) {
  const history = useImportHistory();
  return (
    <section className="card table-card" aria-labelledby="import-history-title" data-testid="import-history">
      <CardHeader
        id="import-history-title"
        title="Import history"
        subtitle="The 50 latest imports. Open one for its report and its rejected rows."
      />
      <AdminTable
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
            <th scope="col" className="num">
              Read
            </th>
            <th scope="col" className="num">
              New
            </th>
            <th scope="col" className="num">
              Updated
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col" className="num">
              Took
            </th>
          </>
        }
        skeletonCells={['skeleton-cell-wide', ...Array(7).fill('skeleton-cell')]}
        skeletonRows={3}
        busyUntilLoaded
      >
        {(rows) => rows.map((row) => <HistoryRow key={row.id} row={row} current={row.id === current} />)}
      </AdminTable>
    </section>
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
        {startedAt.format(new Date(row.startedAt))}
        <span className="row-meta" title={row.userEmail ?? undefined}>
          {row.userEmail ? `by ${row.userEmail}` : 'by a user since removed'}
        </span>
      </td>
      <td>
        <span className={`status-pill is-${row.status}`}>{statusNames[row.status]}</span>
      </td>
      <td className="num">{formatInteger(row.read)}</td>
      <td className="num">{formatInteger(row.inserted)}</td>
      <td className="num">{formatInteger(row.updated)}</td>
      <td className={row.rejected > 0 ? 'num is-bad-figure' : 'num'}>{formatInteger(row.rejected)}</td>
      <td className="num">{row.status === 'running' ? '…' : formatElapsed(row.startedAt, row.finishedAt)}</td>
    </tr>
  );
}
