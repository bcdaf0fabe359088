import { useId } from 'react';
import { ConfirmDialog, useConfirmation } from '../../../components/confirm-dialog';
import { StatusPill } from '../../../components/status-pill';
import { TitledCard } from '../../../components/titled-card';
import { formatDateTime, formatInteger } from '../../../lib/format';
import type { PackStatus } from '../api/get-pack-status';
import { useRestatement } from '../api/get-restatement';
import { useRefreeze } from '../api/refreeze';

const shortHash = (hash: string) => hash.slice(0, 12);

const formatFigure = (v: number | string | null) =>
  v === null ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? formatInteger(v) : v.toFixed(4)) : v;

/**
 * Whether the quarter's figures are frozen, and what today's data would state differently: the
 * board reads the numbers it was given; the restatement says what has moved since.
 */
export function FreezeCard({ status, isAdmin }: { status: PackStatus; isAdmin: boolean }) {
  const headingId = useId();
  const refreeze = useRefreeze(status.quarter);
  const confirming = useConfirmation<true>(refreeze);
  const frozen = status.frozen;
  const restatement = useRestatement(status.quarter, frozen !== null);
  const rows = restatement.data?.rows ?? [];
  return (
    <TitledCard
      id={headingId}
      title="Frozen figures"
      subtitle="Once a quarter has ended, an admin freezes its figures: from then on the pack prints them, so the numbers a board discussed stay the numbers in the pack."
      testId="freeze"
    >
      <div className="freeze-body">
        {status.state === 'open' ? (
          <p data-testid="freeze-status">
            <StatusPill>Not frozen</StatusPill> The quarter is still open: its figures change as data arrives.
            Once it has ended, an admin can freeze them here.
          </p>
        ) : frozen ? (
          <p data-testid="freeze-status">
            <StatusPill tone="good">Frozen</StatusPill> Figures frozen on {formatDateTime(frozen.frozenAt)}
            {frozen.frozenBy ? ` by ${frozen.frozenBy}` : ''}, hash <code>{shortHash(frozen.hash)}</code>.
          </p>
        ) : (
          <p data-testid="freeze-status">
            <StatusPill>Not yet frozen</StatusPill> The quarter is over, but the pack prints today’s figures
            until an admin freezes them. Downloading or sharing the pack never freezes it.
          </p>
        )}
        {frozen && (
          <div>
            <h3 className="card-title">Restatement</h3>
            {restatement.isPending ? (
              <p className="commentary-meta">Comparing with today’s figures…</p>
            ) : restatement.isError ? (
              <p className="form-error" role="alert">
                Today’s figures could not be compared.
              </p>
            ) : rows.length === 0 ? (
              <p className="commentary-meta" data-testid="restatement-none">
                Today’s data gives the same figures as the frozen pack.
              </p>
            ) : (
              <div className="table-scroll">
                <table className="data-table" data-testid="restatement">
                  <caption className="commentary-meta">
                    {rows.length} figures differ between the frozen pack and today’s data.
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Figure</th>
                      <th scope="col">Source</th>
                      <th scope="col" className="num">
                        Frozen
                      </th>
                      <th scope="col" className="num">
                        Today
                      </th>
                      <th scope="col" className="num">
                        Change
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.figure}|${r.source}`}>
                        <th scope="row">{r.figure}</th>
                        <td>{r.source}</td>
                        <td className="num">{formatFigure(r.frozen)}</td>
                        <td className="num">{formatFigure(r.current)}</td>
                        <td className="num">
                          {r.change === null ? '—' : `${r.change > 0 ? '+' : ''}${formatFigure(r.change)}`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
        {isAdmin && status.state === 'closed' && (
          <div>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                confirming.ask(true);
              }}
              data-testid="refreeze"
            >
              {frozen ? 'Freeze again with today’s figures' : 'Freeze now'}
            </button>
          </div>
        )}
      </div>
      <ConfirmDialog
        {...confirming.dialog}
        title={frozen ? `Freeze ${status.quarter} again?` : `Freeze ${status.quarter}?`}
        confirmLabel={frozen ? 'Freeze again' : 'Freeze'}
        onConfirm={() => refreeze.mutate(undefined, { onSuccess: confirming.close })}
        testId="refreeze-dialog"
      >
        <p>
          {frozen
            ? 'The pack will print today’s figures from now on, under a new hash; packs already sent keep the old numbers.'
            : 'The pack and its share links will print today’s figures from now on, under a SHA-256 hash, whatever is imported later.'}{' '}
          The change is written to the audit log.
        </p>
      </ConfirmDialog>
    </TitledCard>
  );
}
