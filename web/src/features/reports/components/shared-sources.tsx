import { formatInteger, formatRate } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';
import { definedColumn } from './defined-column';
import { type FigureColumn, FigureTable } from './shared-figure-table';
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

function sourceColumns(money: Money): FigureColumn<Figures>[] {
  const column = definedColumn<Figures>;
  return [
    column('leads', 'Leads', 'leads', formatInteger),
    column('srls', 'SRLs', 'salesReady', formatInteger),
    column('srlRate', 'SRL rate', 'salesReadyRate', formatRate),
    column('srlToOpp', 'SRL → opp.', 'salesReadyToOpportunity', formatRate),
    column('oppToWon', 'Opp. → won', 'opportunityToWon', formatRate),
    column('revenue', 'Won revenue', 'revenue', money.full),
    column('spend', 'Spend', 'spend', money.full),
    column('costPerSrl', 'Cost per SRL', 'costPerSalesReady', money.full),
  ];
}

function SourcesTable({ sources, money }: { sources: Sources; money: Money }) {
  return (
    <FigureTable
      caption="Sources, period view: volume, quality, conversion, won revenue and cost per SRL"
      testId="shared-sources-table"
      rowsLabel="Source"
      rows={sources.rows}
      rowKey={(r) => r.source}
      rowHeader={(r) => (
        <>
          <CategoryDot category={r.category} />
          {r.source}
          <span className="row-meta">{r.category}</span>
        </>
      )}
      columns={sourceColumns(money)}
      total={{ label: 'All sources', figures: sources.totals }}
    />
  );
}

function ContributionTable({ pack, money }: { pack: SharedPack; money: Money }) {
  const lines = [
    { label: 'Won revenue (deals won in the quarter)', ...pack.marketing.revenue },
    {
      label: 'Open pipeline',
      ...pack.marketing.pipeline,
    },
  ];
  const columns: FigureColumn<Contribution>[] = [
    { key: 'total', label: 'Total', cell: (c) => money.full(c.total) },
    { key: 'deals', label: 'Deals', cell: (c) => formatInteger(c.deals) },
    definedColumn<Contribution>('sourced', 'Marketing-sourced', 'sourced', money.full),
    { key: 'sourcedShare', label: 'Sourced share', cell: (c) => formatRate(c.sourcedShare) },
    definedColumn<Contribution>('influenced', 'Marketing-influenced', 'influenced', money.full),
    { key: 'influencedShare', label: 'Influenced share', cell: (c) => formatRate(c.influencedShare) },
  ];
  return (
    <FigureTable
      caption="Marketing-sourced and marketing-influenced revenue and pipeline"
      testId="shared-marketing"
      rowsLabel={<span className="visually-hidden">Deals of</span>}
      rows={lines}
      rowKey={(r) => r.label}
      rowHeader={(r) => r.label}
      columns={columns}
    />
  );
}

type Credited = Pick<SharedPack['attribution']['totals'], 'firstTouch' | 'lastTouch' | 'linear'>;

function AttributionTable({ attribution, money }: { attribution: SharedPack['attribution']; money: Money }) {
  const t = attribution.totals;
  const column = definedColumn<Credited>;
  const columns = [
    column('first', 'First touch', 'firstTouch', money.full),
    column('last', 'Last touch before SRL', 'lastTouch', money.full),
    column('linear', 'Linear', 'linear', money.full),
  ];
  return (
    <FigureTable
      caption="Won revenue attributed to sources by three models"
      testId="shared-attribution"
      rowsLabel="Source"
      rows={attribution.rows.filter((r) => r.firstTouch || r.lastTouch || r.linear)}
      rowKey={(r) => r.source}
      rowHeader={(r) => (
        <>
          <CategoryDot category={r.category} />
          {r.source}
        </>
      )}
      columns={columns}
      total={{ label: `All sources (${formatInteger(t.deals)} deals)`, figures: t }}
    />
  );
}

function CategoryDot({ category }: { category: string }) {
  return <span className={`category-dot category-${category}`} aria-hidden="true" />;
}
