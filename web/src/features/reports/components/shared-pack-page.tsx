import { Brand } from '../../../components/brand';
import { ErrorState } from '../../../components/error-state';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime, formatPeriodRange } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import { type SharedPack, sharedPdfHref, useSharedPack } from '../api/get-shared-pack';
import { PackSections } from './pack-sections';
import { SharedPackSkeleton } from './shared-pack-skeleton';
import { sharedSections } from './shared-section';
import '../shared-pack.css';

/**
 * What a share link opens, for a reader without an account: the quarter's board pack as a
 * read-only page, from the very figures the PDF prints, and the PDF itself.
 */
export function SharedPackPage({ token }: { token: string }) {
  const pack = useSharedPack(token);
  return (
    <main className="shared-page" id="main">
      <header className="shared-header">
        <Brand />
        {pack.data && (
          <a
            className="button button-primary"
            href={sharedPdfHref(token)}
            download
            data-testid="shared-download"
          >
            Download the board pack (PDF)
          </a>
        )}
      </header>
      {pack.isPending ? (
        <SharedPackSkeleton />
      ) : pack.isError ? (
        isApiError(pack.error, 'not_found') ? (
          <section className="card" data-testid="shared-invalid">
            <div className="card-state">
              <h1 className="page-title">This link is not valid</h1>
              <p>It may have expired or been revoked. Ask whoever sent it for a new one.</p>
            </div>
          </section>
        ) : (
          <ErrorState
            level={1}
            title="The board pack could not be loaded"
            error={pack.error}
            onRetry={() => void pack.refetch()}
            retrying={pack.isFetching}
          />
        )
      ) : (
        <SharedView pack={pack.data} />
      )}
    </main>
  );
}

function SharedView({ pack }: { pack: SharedPack }) {
  const label = quarterName(pack.quarter.label);
  return (
    <div className="shared-body">
      <div className="shared-intro">
        <h1 className="page-title">Board pack, fiscal quarter {label}</h1>
        <p className="page-subtitle">
          {formatPeriodRange(pack.quarter.from, pack.quarter.to)} · all leads, all sources, company-wide ·
          amounts in {pack.currency}
        </p>
        <FiguresNote pack={pack} />
        <nav aria-label="Sections of the board pack" className="shared-nav">
          <ul>
            {Object.values(sharedSections).map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <PackSections pack={pack} />

      <p className="shared-footnote">
        Every figure is the PDF’s own, from the same queries as the SalesReady dashboard; the PDF’s appendix
        defines each one. Read-only link
        {pack.expiresAt ? `, valid until ${formatDateTime(pack.expiresAt)}` : ''}.
      </p>
    </div>
  );
}

function openQuarter(pack: SharedPack): string {
  if (pack.daysElapsed !== null)
    return `The quarter is in progress: day ${pack.daysElapsed} of ${pack.pacing.daysInQuarter}.`;
  return pack.pacing.daysElapsed === 0 ? 'The quarter has not started yet.' : 'The quarter is complete.';
}

/** Whether a later reader sees the same numbers, and how fresh the data behind them is. */
function FiguresNote({ pack }: { pack: SharedPack }) {
  const { status } = pack;
  const freshness = pack.freshness
    ? `Data freshness: latest lead update ${formatDateTime(pack.freshness)}.`
    : 'No leads recorded yet.';
  return (
    <div className={`shared-status is-${status.state}`} data-testid="shared-status">
      <p>
        <strong>{status.state === 'closed' ? 'Frozen figures.' : 'Live figures.'}</strong>{' '}
        {status.state === 'closed'
          ? `Frozen on ${formatDateTime(status.frozenAt)} (hash ${status.hash.slice(0, 12)}), as the PDF prints them: later changes to the data do not alter them.`
          : status.state === 'unfrozen'
            ? `The quarter is over; these figures were read ${formatDateTime(pack.figuresAsOf)} and are not frozen yet, so a correction to its data would change them.`
            : `${openQuarter(pack)} These figures were read ${formatDateTime(pack.figuresAsOf)} and change as data arrives.`}
      </p>
      <p>{freshness}</p>
    </div>
  );
}
