import { definitions } from '../../../lib/definitions';
import { formatInteger, formatRate } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';
import type { Money } from './shared-figures';
import { SubHeading } from './shared-section';
import { SharedSourcesChart } from './shared-sources-chart';

type Sources = SharedPack['sources'];
type Figures = Sources['totals'];
type Contribution = SharedPack['marketing']['revenue'];

/** Volume, quality, conversion, revenue and cost per SRL by source; then marketing's part of it. */
export function SharedSources({ pack, money }: { pack: SharedPack; money: Money }) {
  const { sources } = pack;
  const active = sources.rows.filter((r) => r.leads > 0 || r.salesReady > 0 || r.revenue > 0);
  return (
    <>
      {active.length > 0 && <SharedSourcesChart rows={active} />}
      <SourcesTable sources={sources} money={money} />
      <div className="shared-block">
        <SubHeading id="shared-marketing-title">Marketing contribution</SubHeading>
        <p className="shared-note">
          Marketing-sourced and marketing-influenced overlap (a marketing-sourced deal with a touch is both):
          never add them.
        </p>
      </div>
      <ContributionTable pack={pack} money={money} />
      <div className="shared-block">
        <SubHeading id="shared-attribution-title">Won revenue attributed to sources</SubHeading>
        <p className="shared-note">
          Three models side by side; each adds up to the won revenue of the quarter.
        </p>
      </div>
      <AttributionTable attribution={pack.attribution} money={money} />
    </>
  );
}

const figureColumns: {
  key: string;
  label: string;
  title: string;
  cell: (f: Figures, money: Money) => string;
}[] = [
  { key: 'leads', label: 'Leads', title: definitions.leads, cell: (f) => formatInteger(f.leads) },
  { key: 'srls', label: 'SRLs', title: definitions.salesReady, cell: (f) => formatInteger(f.salesReady) },
  {
    key: 'srlRate',
    label: 'SRL rate',
    title: definitions.salesReadyRate,
    cell: (f) => formatRate(f.salesReadyRate),
  },
  {
    key: 'srlToOpp',
    label: 'SRL → opp.',
    title: definitions.salesReadyToOpportunity,
    cell: (f) => formatRate(f.salesReadyToOpportunity),
  },
  {
    key: 'oppToWon',
    label: 'Opp. → won',
    title: definitions.opportunityToWon,
    cell: (f) => formatRate(f.opportunityToWon),
  },
  { key: 'revenue', label: 'Won revenue', title: definitions.revenue, cell: (f, m) => m.full(f.revenue) },
  { key: 'spend', label: 'Spend', title: definitions.spend, cell: (f, m) => m.full(f.spend) },
  {
    key: 'costPerSrl',
    label: 'Cost per SRL',
    title: definitions.costPerSalesReady,
    cell: (f, m) => m.full(f.costPerSalesReady),
  },
];

const cells = (f: Figures, money: Money) =>
  figureColumns.map((c) => (
    <td key={c.key} className="num">
      {c.cell(f, money)}
    </td>
  ));

function SourcesTable({ sources, money }: { sources: Sources; money: Money }) {
  return (
    <div className="table-scroll shared-table">
      <table className="data-table" data-testid="shared-sources-table">
        <caption className="visually-hidden">
          Sources, period view: volume, quality, conversion, won revenue and cost per SRL
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            {figureColumns.map((c) => (
              <th key={c.key} scope="col" className="num" title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sources.rows.map((r) => (
            <tr key={r.source}>
              <th scope="row">
                <span className={`category-dot category-${r.category}`} aria-hidden="true" />
                {r.source}
                <span className="row-meta">{r.category}</span>
              </th>
              {cells(r, money)}
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">All sources</th>
            {cells(sources.totals, money)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function ContributionTable({ pack, money }: { pack: SharedPack; money: Money }) {
  const lines: [string, Contribution][] = [
    ['Won revenue (deals won in the quarter)', pack.marketing.revenue],
    [
      pack.daysElapsed === null ? 'Pipeline (open at quarter end)' : 'Pipeline (open now)',
      pack.marketing.pipeline,
    ],
  ];
  return (
    <div className="table-scroll shared-table">
      <table className="data-table" data-testid="shared-marketing">
        <caption className="visually-hidden">
          Marketing-sourced and marketing-influenced revenue and pipeline
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Deals of</span>
            </th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Deals
            </th>
            <th scope="col" className="num" title={definitions.sourced}>
              Marketing-sourced
            </th>
            <th scope="col" className="num">
              Sourced share
            </th>
            <th scope="col" className="num" title={definitions.influenced}>
              Marketing-influenced
            </th>
            <th scope="col" className="num">
              Influenced share
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([label, c]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{money.full(c.total)}</td>
              <td className="num">{formatInteger(c.deals)}</td>
              <td className="num">{money.full(c.sourced)}</td>
              <td className="num">{formatRate(c.sourcedShare)}</td>
              <td className="num">{money.full(c.influenced)}</td>
              <td className="num">{formatRate(c.influencedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AttributionTable({ attribution, money }: { attribution: SharedPack['attribution']; money: Money }) {
  const credited = attribution.rows.filter((r) => r.firstTouch || r.lastTouch || r.linear);
  const t = attribution.totals;
  return (
    <div className="table-scroll shared-table">
      <table className="data-table" data-testid="shared-attribution">
        <caption className="visually-hidden">Won revenue attributed to sources by three models</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num" title={definitions.firstTouch}>
              First touch
            </th>
            <th scope="col" className="num" title={definitions.lastTouch}>
              Last touch before SRL
            </th>
            <th scope="col" className="num" title={definitions.linear}>
              Linear
            </th>
          </tr>
        </thead>
        <tbody>
          {credited.map((r) => (
            <tr key={r.source}>
              <th scope="row">
                <span className={`category-dot category-${r.category}`} aria-hidden="true" />
                {r.source}
              </th>
              <td className="num">{money.full(r.firstTouch)}</td>
              <td className="num">{money.full(r.lastTouch)}</td>
              <td className="num">{money.full(r.linear)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">All sources ({formatInteger(t.deals)} deals)</th>
            <td className="num">{money.full(t.firstTouch)}</td>
            <td className="num">{money.full(t.lastTouch)}</td>
            <td className="num">{money.full(t.linear)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
