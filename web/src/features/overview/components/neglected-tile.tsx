import { definitions } from '../../../lib/definitions';
import type { LeadFilterParams } from '../../../lib/filters';
import { formatInteger } from '../../../lib/format';
import { handoffHref } from '../../../lib/links';
import { Link } from '../../../lib/router';
import { useNeglectedCount } from '../api/get-neglected-count';
import { useStalledCount } from '../api/get-stalled-count';

/**
 * Warm leads nobody is working: sales-ready leads past the SLA with no sales touch (neglected),
 * and open ones gone quiet (stalled), each a link to its list.
 */
export function NeglectedTile({ filter, enabled = true }: { filter: LeadFilterParams; enabled?: boolean }) {
  const neglected = useNeglectedCount(filter, enabled);
  const stalled = useStalledCount(filter, enabled);
  const n = neglected.data;
  const s = stalled.data;
  const tone = n === undefined ? '' : n.total === 0 ? ' is-clear' : ' is-waiting';
  return (
    <section className={`card neglected-tile${tone}`} aria-labelledby="neglected-heading">
      <h2 id="neglected-heading" className="card-title">
        Warm leads nobody is working
      </h2>
      {n ? (
        <p className="neglected-figure" title={definitions.neglected}>
          <Link
            to={handoffHref('neglected', filter)}
            className="neglected-count"
            data-testid="neglected-count"
          >
            {formatInteger(n.total)}
          </Link>
          <span className="neglected-words">
            sales-ready {n.total === 1 ? 'lead' : 'leads'} waiting longer than {n.slaHours} h with no sales
            follow-up
          </span>
        </p>
      ) : neglected.isError ? (
        <p className="neglected-words">
          The count could not be loaded.{' '}
          <button type="button" className="link-button" onClick={() => void neglected.refetch()}>
            Try again
          </button>
        </p>
      ) : (
        <p className="neglected-figure" aria-hidden="true">
          <span className="skeleton skeleton-value" />
          <span className="skeleton skeleton-line" />
        </p>
      )}
      {s && (
        <p className="stalled-line" title={definitions.stalled}>
          <Link to={handoffHref('stalled', filter)} className="stalled-count" data-testid="stalled-count">
            {formatInteger(s.total)}
          </Link>{' '}
          open {s.total === 1 ? 'lead' : 'leads'} stalled: no activity for {s.stalledDays}+ days
        </p>
      )}
      {n && (
        <Link to={handoffHref('neglected', filter)} className="gap-more">
          {n.total === 0 ? 'See hand-off health' : 'Open the neglected leads'}
          <span aria-hidden="true"> →</span>
        </Link>
      )}
    </section>
  );
}
