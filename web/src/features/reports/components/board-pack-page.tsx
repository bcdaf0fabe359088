import { useId } from 'react';
import { ErrorState } from '../../../components/error-state';
import { api } from '../../../lib/api-client';
import { quarterName, recentQuarters } from '../../../lib/quarters';
import { usePinnedQuarter } from '../../../lib/use-pinned-quarter';
import type { SessionUser } from '../../auth/api/get-me';
import { usePackStatus } from '../api/get-pack-status';
import { useBoardPackUrl } from '../board-pack-url';
import { CommentaryForm } from './commentary-form';
import { FreezeCard } from './freeze-card';
import { ShareLinksCard } from './share-links-card';
import '../board-pack.css';

const listed = 12;

/** The quarter's board pack: commentary, download, frozen figures and share links. */
export function BoardPackPage({ user }: { user: SessionUser }) {
  const [filter, setFilter] = useBoardPackUrl();
  const status = usePackStatus(filter.quarter);
  usePinnedQuarter(filter, status.data?.quarter, setFilter);
  const quarterId = useId();
  const quarter = filter.quarter ?? status.data?.quarter;
  const current = status.data?.current;
  const options = current ? recentQuarters(current, listed) : quarter ? [quarter] : [];
  if (quarter && !options.includes(quarter)) options.push(quarter);
  const canWrite = user.role === 'admin' || user.role === 'executive';

  return (
    <div className="page">
      <header className="page-header">
        <div className="page-heading">
          <h1 className="page-title">Board pack</h1>
          <p className="page-subtitle">
            {quarter ? `Fiscal quarter ${quarterName(quarter)}` : 'Loading…'}: the PDF the board reads, with
            the executives’ commentary.
          </p>
        </div>
        <div className="board-pack-controls">
          <label htmlFor={quarterId}>
            Quarter
            <select
              id={quarterId}
              value={quarter ?? ''}
              onChange={(e) => setFilter({ quarter: e.target.value })}
              data-testid="board-pack-quarter"
            >
              {options.map((q) => (
                <option key={q} value={q}>
                  {quarterName(q)}
                  {q === current ? ' (in progress)' : ''}
                </option>
              ))}
            </select>
          </label>
          {quarter && (
            <a
              className="button button-primary"
              href={api.api.reports['board-pack.pdf'].$path({ query: { quarter } })}
              download
              data-testid="board-pack-download"
            >
              Download PDF
            </a>
          )}
        </div>
      </header>
      {status.isError && !status.data ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : !quarter || !status.data || status.data.quarter !== quarter ? (
        <div className="page-body" aria-busy="true">
          <span className="skeleton skeleton-text" />
        </div>
      ) : (
        <div className="page-body board-pack-grid">
          <CommentaryForm key={quarter} quarter={quarter} canEdit={canWrite} />
          <FreezeCard status={status.data} isAdmin={user.role === 'admin'} />
          <ShareLinksCard quarter={quarter} canManage={canWrite} />
        </div>
      )}
    </div>
  );
}
