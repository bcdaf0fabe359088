import { Brand } from '../../../components/brand';
import { ErrorState } from '../../../components/error-state';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime, formatDays, formatInteger, formatPercent } from '../../../lib/format';
import { periodName } from '../../../lib/quarters';
import { type SharedPack, sharedPdfHref, useSharedPack } from '../api/get-shared-pack';
import '../board-pack.css';

type Figure = { value: number | null; previous: number | null; yearAgo: number | null };

/** What a share link opens, for a reader without an account: the quarter's KPIs, commentary and PDF. */
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
        <p aria-busy="true">Loading…</p>
      ) : pack.isError ? (
        isApiError(pack.error, 'not_found') ? (
          <section className="card">
            <div className="card-state">
              <h1 className="page-title">This link is not valid</h1>
              <p>It may have expired or been revoked. Ask whoever sent it for a new one.</p>
            </div>
          </section>
        ) : (
          <ErrorState level={1} error={pack.error} onRetry={() => void pack.refetch()} />
        )
      ) : (
        <SharedView pack={pack.data} />
      )}
    </main>
  );
}

function SharedView({ pack }: { pack: SharedPack }) {
  const money = (v: number | null) =>
    v === null
      ? '—'
      : new Intl.NumberFormat('en-US', {
          style: 'currency',
          currency: pack.currency,
          maximumFractionDigits: 0,
        }).format(v);
  const tiles: { label: string; figure: Figure; format: (v: number | null) => string }[] = [
    { label: 'Lead volume', figure: pack.kpis.leads, format: formatInteger },
    { label: 'SRLs (sales-ready leads)', figure: pack.kpis.salesReady, format: formatInteger },
    { label: 'SRL rate', figure: pack.kpis.salesReadyRate, format: formatPercent },
    { label: 'Median days to sales-ready', figure: pack.kpis.medianDaysToSalesReady, format: formatDays },
    { label: 'Won revenue', figure: pack.kpis.wonRevenue, format: money },
    { label: 'Pipeline', figure: pack.details.pipeline, format: money },
    { label: 'Win rate', figure: pack.details.winRate, format: formatPercent },
  ];
  const status = pack.status;
  return (
    <>
      <div>
        <h1 className="page-title">Board pack, fiscal quarter {periodName(pack.quarter)}</h1>
        <p className="page-subtitle" data-testid="shared-status">
          {status.state === 'closed'
            ? `Figures frozen on ${formatDateTime(status.frozenAt)}, hash ${status.hash.slice(0, 12)}.`
            : 'The quarter is still open: these figures change as data arrives.'}{' '}
          Read-only link, valid until {formatDateTime(pack.expiresAt)}.
        </p>
      </div>
      <section aria-labelledby="shared-kpis-title">
        <h2 id="shared-kpis-title" className="card-title">
          Key figures
        </h2>
        <dl className="shared-kpis" data-testid="shared-kpis">
          {tiles.map((t) => (
            <div key={t.label} className="shared-kpi">
              <dt>{t.label}</dt>
              <dd className="shared-kpi-value">{t.format(t.figure.value)}</dd>
              <dd className="shared-kpi-was">
                Previous quarter {t.format(t.figure.previous)} · a year before {t.format(t.figure.yearAgo)}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {pack.commentary.length > 0 && (
        <section className="card" aria-labelledby="shared-commentary-title">
          <header className="card-header">
            <h2 id="shared-commentary-title" className="card-title">
              Commentary
            </h2>
          </header>
          <div className="commentary-form">
            {pack.commentary.map((c) => (
              <div key={c.section} className="commentary-field">
                <h3 className="card-title">{c.title}</h3>
                <p className="commentary-text">{c.body}</p>
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
