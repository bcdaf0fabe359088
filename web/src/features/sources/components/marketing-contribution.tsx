import { definitions } from '../../../lib/definitions';
import { formatInteger, formatPercent, formatUsd, formatUsdCompact } from '../../../lib/format';
import type { Attribution, Contribution } from '../api/get-attribution';

/** Marketing-sourced and marketing-influenced, of the pipeline and of won revenue, in total and per source. */
export function MarketingContribution({ marketing }: { marketing: Attribution['marketing'] }) {
  return (
    <div className="contribution" data-testid="marketing-contribution">
      <p className="contribution-window" data-testid="influence-window">
        Influenced: a marketing touch within {formatInteger(marketing.influenceWindowDays)} days before the
        opportunity (a setting).
      </p>
      <ContributionBlock
        title="Pipeline"
        definition={definitions.pipeline}
        part={marketing.pipeline}
        noun="open deals"
      />
      <ContributionBlock
        title="Won revenue"
        definition={definitions.revenue}
        part={marketing.revenue}
        noun="won deals"
      />
      <BySource marketing={marketing} />
    </div>
  );
}

/** Sourced and influenced per source (channel); each column adds up to the totals above. */
function BySource({ marketing }: { marketing: Attribution['marketing'] }) {
  if (marketing.bySource.length === 0) return null;
  const cells = (c: Contribution) => (
    <>
      <td className="num" title={formatUsd(c.total)}>
        {formatUsdCompact(c.total)}
      </td>
      <td className="num" title={`${formatUsd(c.sourced)} · ${formatInteger(c.sourcedDeals)} deals`}>
        {formatUsdCompact(c.sourced)}
      </td>
      <td className="num" title={`${formatUsd(c.influenced)} · ${formatInteger(c.influencedDeals)} deals`}>
        {formatUsdCompact(c.influenced)}{' '}
        <span className="contribution-share">{formatPercent(c.influencedShare)}</span>
      </td>
    </>
  );
  const heads = (what: string) => (
    <>
      <th
        scope="col"
        className="num"
        title={what === 'Pipeline' ? definitions.pipeline : definitions.revenue}
      >
        {what}
      </th>
      <th scope="col" className="num" title={definitions.sourced}>
        Sourced
      </th>
      <th scope="col" className="num" title={definitions.influenced}>
        Influenced
      </th>
    </>
  );
  return (
    <div className="table-scroll">
      <table className="data-table contribution-table" data-testid="contribution-by-source">
        <caption className="visually-hidden">Marketing-sourced and marketing-influenced per source</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            {heads('Pipeline')}
            {heads('Won revenue')}
          </tr>
        </thead>
        <tbody>
          {marketing.bySource.map((s) => (
            <tr key={s.sourceId ?? 'none'}>
              <th scope="row">{s.source}</th>
              {cells(s.pipeline)}
              {cells(s.revenue)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">All sources</th>
            {cells(marketing.pipeline)}
            {cells(marketing.revenue)}
          </tr>
        </tfoot>
      </table>
    </div>
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
        <p className="contribution-total" title={formatUsd(part.total)}>
          {formatUsdCompact(part.total)}
          <span className="contribution-deals">
            {formatInteger(part.deals)} {noun}
          </span>
        </p>
      </div>
      <ShareBar
        label="Marketing-sourced"
        definition={definitions.sourced}
        amount={part.sourced}
        deals={part.sourcedDeals}
        share={part.sourcedShare}
        tone="sourced"
      />
      <ShareBar
        label="Marketing-influenced"
        definition={definitions.influenced}
        amount={part.influenced}
        deals={part.influencedDeals}
        share={part.influencedShare}
        tone="influenced"
      />
    </section>
  );
}

function ShareBar({
  label,
  definition,
  amount,
  deals,
  share,
  tone,
}: {
  label: string;
  definition: string;
  amount: number;
  deals: number;
  share: number | null;
  tone: 'sourced' | 'influenced';
}) {
  return (
    <div className="share" title={definition}>
      <div className="share-text">
        <span className="share-label">{label}</span>
        <span className="share-value">
          <b>{formatPercent(share)}</b>
          <span title={formatUsd(amount)}>
            {formatUsdCompact(amount)} · {formatInteger(deals)} deals
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
