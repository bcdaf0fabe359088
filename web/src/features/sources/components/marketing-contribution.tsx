import { definitions } from '../../../lib/definitions';
import { formatInteger, formatMoney, formatMoneyCompact, formatPercent } from '../../../lib/format';
import type { Attribution, Contribution } from '../api/get-attribution';

/** Marketing-sourced and marketing-influenced, of the pipeline and of won revenue. */
export function MarketingContribution({ marketing }: { marketing: Attribution['marketing'] }) {
  return (
    <div className="contribution" data-testid="marketing-contribution">
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
        <p className="contribution-total" title={formatMoney(part.total)}>
          {formatMoneyCompact(part.total)}
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
