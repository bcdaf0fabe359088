import { Fragment } from 'react';
import { definitions } from '../../../lib/definitions';
import { formatInteger, formatMoney, formatMoneyCompact, formatPercent } from '../../../lib/format';
import type { Attribution, Contribution } from '../api/get-attribution';

const parts = [
  { part: 'pipeline', title: 'Pipeline', definition: definitions.pipeline, noun: 'open deals' },
  { part: 'revenue', title: 'Won revenue', definition: definitions.revenue, noun: 'won deals' },
] as const;

/** Marketing-sourced and marketing-influenced, of the pipeline and of won revenue, in total and per source. */
export function MarketingContribution({ marketing }: { marketing: Attribution['marketing'] }) {
  return (
    <div className="contribution" data-testid="marketing-contribution">
      <p className="contribution-window" data-testid="influence-window">
        Influenced: a marketing touch within {formatInteger(marketing.influenceWindowDays)} days before the
        opportunity (a setting).
      </p>
      {parts.map(({ part, title, definition, noun }) => (
        <Fragment key={part}>
          <ContributionBlock title={title} definition={definition} part={marketing[part]} noun={noun} />
          <BySource title={title} part={part} rows={marketing.bySource} />
        </Fragment>
      ))}
    </div>
  );
}

/** Sourced and influenced per source (channel), of one part; each column adds up to the part's total. */
function BySource({
  title,
  part,
  rows,
}: {
  title: string;
  part: 'pipeline' | 'revenue';
  rows: Attribution['marketing']['bySource'];
}) {
  const shown = rows.filter((s) => s[part].deals > 0);
  if (shown.length === 0) return null;
  return (
    // Focusable: on a narrow screen the table scrolls sideways, and a keyboard must reach that too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs keyboard access.
    <section className="table-scroll" tabIndex={0} aria-label={`${title} by source`}>
      <table className="data-table contribution-table" data-testid={`contribution-by-source-${part}`}>
        <caption className="visually-hidden">
          {title}: marketing-sourced and marketing-influenced per source
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num" title={definitions.sourced}>
              Sourced
            </th>
            <th scope="col" className="num" title={definitions.influenced}>
              Influenced
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => {
            const c = s[part];
            return (
              <tr key={s.sourceId ?? 'none'}>
                <th scope="row">{s.source}</th>
                <MoneyCell amount={c.total} deals={c.deals} />
                <MoneyCell amount={c.sourced} deals={c.sourcedDeals} />
                <MoneyCell amount={c.influenced} deals={c.influencedDeals} share={c.influencedShare} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ContributionBlock({
  title,
  definition,
  part,
  noun,
}: {
  title: string;
  definition: string;
  part: Contribution;
  noun: string;
}) {
  return (
    <section className="contribution-block" aria-label={title}>
      <div className="contribution-head">
        <h3 className="contribution-title" title={definition}>
          {title}
        </h3>
        <p className="contribution-total" title={formatMoney(part.total)}>
          {formatMoneyCompact(part.total)}
          <span className="contribution-deals">
            {formatInteger(part.deals)} {noun}
          </span>
        </p>
      </div>
      <ShareBar part={part} tone="sourced" />
      <ShareBar part={part} tone="influenced" />
    </section>
  );
}

/** A money figure in a cell, its exact amount and deal count (and share) on hover. */
function MoneyCell({ amount, deals, share }: { amount: number; deals: number; share?: number | null }) {
  const title = `${formatMoney(amount)} · ${formatInteger(deals)} deals`;
  return (
    <td className="num" title={share === undefined ? title : `${title} · ${formatPercent(share)}`}>
      {formatMoneyCompact(amount)}
    </td>
  );
}

function ShareBar({ part, tone }: { part: Contribution; tone: 'sourced' | 'influenced' }) {
  const amount = part[tone];
  const deals = part[`${tone}Deals`];
  const share = part[`${tone}Share`];
  return (
    <div className="share" title={definitions[tone]}>
      <div className="share-text">
        <span className="share-label">{`Marketing-${tone}`}</span>
        <span className="share-value">
          <b>{formatPercent(share)}</b>
          <span title={formatMoney(amount)}>
            {formatMoneyCompact(amount)} · {formatInteger(deals)} deals
          </span>
        </span>
      </div>
      <div className="share-track" aria-hidden="true">
        <div
          className={`share-fill share-${tone}`}
          style={{ width: `${Math.round((share ?? 0) * 1000) / 10}%` }}
        />
      </div>
    </div>
  );
}
