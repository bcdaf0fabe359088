import { ErrorState } from '../../../components/error-state';
import { PeriodPicker } from '../../../components/period-picker';
import { api } from '../../../lib/api-client';
import type { SessionUser } from '../../../lib/me';
import { quarterName } from '../../../lib/quarters';
import { usePinnedQuarter } from '../../../lib/use-pinned-quarter';
import { useCommentary } from '../api/get-commentary';
import { usePackPreview } from '../api/get-pack-preview';
import { usePackStatus } from '../api/get-pack-status';
import { useBoardPackUrl } from '../board-pack-url';
import { CommentaryForm } from './commentary-form';
import { FreezeCard } from './freeze-card';
import { PackPreview } from './pack-preview';
import { ShareLinksCard } from './share-links-card';
import '../board-pack.css';
import '../shared-pack.css';

/** The quarter's board pack: a preview of its pages, the download, commentary, frozen figures and share links. */
export function BoardPackPage({ user }: { user: SessionUser }) {
  const [filter, setFilter] = useBoardPackUrl();
  const status = usePackStatus(filter.quarter);
  usePinnedQuarter(filter, status.data?.quarter, setFilter);
  const quarter = filter.quarter ?? status.data?.quarter;
  const preview = usePackPreview(quarter);
  const canWrite = user.role === 'admin' || user.role === 'executive';
  const shown = preview.data?.quarter.label === quarter ? preview.data : undefined;

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
        <PeriodPicker
          value={{ quarter }}
          resolved={shown ? shown.quarter : null}
          current={status.data?.current ?? null}
          allowRange={false}
          onChange={(next) => setFilter({ quarter: next.quarter })}
        />
      </header>
      {status.isError && !status.data ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : !quarter || !status.data || status.data.quarter !== quarter ? (
        <div className="page-body" aria-busy="true">
          <span className="skeleton skeleton-text" />
        </div>
      ) : (
        <div className="page-body board-pack-grid">
          <DownloadCard quarter={quarter} canWrite={canWrite} />
          <PackPreview
            pack={shown}
            error={preview.isError ? preview.error : null}
            onRetry={() => void preview.refetch()}
            showMissing={canWrite}
          />
          <CommentaryForm key={quarter} quarter={quarter} canEdit={canWrite} />
          <FreezeCard status={status.data} isAdmin={user.role === 'admin'} />
          <ShareLinksCard quarter={quarter} canManage={canWrite} />
        </div>
      )}
    </div>
  );
}

/** The download, and for the editors how many sections still have no commentary. */
function DownloadCard({ quarter, canWrite }: { quarter: string; canWrite: boolean }) {
  const commentary = useCommentary(quarter);
  const missing = commentary.data?.filter((s) => s.body.trim() === '') ?? [];
  const total = commentary.data?.length ?? 0;
  return (
    <section className="card pack-download" aria-label="Download the board pack">
      <div className="pack-download-text">
        <h2 className="card-title">Board pack, {quarterName(quarter)}</h2>
        {canWrite && commentary.data ? (
          <p
            className={missing.length > 0 ? 'pack-download-note has-missing' : 'pack-download-note'}
            data-testid="commentary-missing-count"
          >
            {missing.length === 0 ? (
              `Every section has its commentary.`
            ) : (
              <>
                <span className="commentary-flag is-dot tone-warn" aria-hidden="true" />
                {missing.length === total
                  ? `No section has commentary yet: `
                  : `${missing.length} of ${total} sections have no commentary yet: `}
                <a href="#commentary">{missing.map((s) => s.title).join(', ')}</a>.
              </>
            )}
          </p>
        ) : (
          <p className="pack-download-note">
            A4, every section of the quarter with its figures and definitions.
          </p>
        )}
      </div>
      <a
        className="button button-primary"
        href={api.api.reports['board-pack.pdf'].$path({ query: { quarter } })}
        download
        data-testid="board-pack-download"
      >
        Download PDF
      </a>
    </section>
  );
}
