import { useId } from 'react';
import { definitions } from '../../../lib/definitions';
import { formatDays, formatInteger, formatPercent } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import type { SharedPack } from '../api/get-shared-pack';
import { type Compared, type Delta, delta, type Format, type Money } from './shared-figures';

interface Tile {
  label: string;
  definition: string;
  figure: Compared;
  format: Format;
  /** The exact figure, where the tile shows a rounded one. */
  exact?: Format;
  kind: 'relative' | 'points';
  lowerIsBetter?: boolean;
}

/** The executive summary's tiles, the PDF's eight, each with its QoQ and YoY change. */
function tilesOf(pack: SharedPack, money: Money): Tile[] {
  const { kpis, details } = pack;
  const inProgress = pack.daysElapsed !== null;
  return [
    {
      label: 'Lead volume',
      definition: definitions.leads,
      figure: kpis.leads,
      format: formatInteger,
      kind: 'relative',
    },
    {
      label: 'SRLs (sales-ready leads)',
      definition: definitions.salesReady,
      figure: kpis.salesReady,
      format: formatInteger,
      kind: 'relative',
    },
    {
      label: 'SRL rate (lead quality)',
      definition: definitions.salesReadyRate,
      figure: kpis.salesReadyRate,
      format: formatPercent,
      kind: 'points',
    },
    {
      label: 'Median days to sales-ready',
      definition: definitions.medianDaysToSalesReady,
      figure: kpis.medianDaysToSalesReady,
      format: formatDays,
      kind: 'relative',
      lowerIsBetter: true,
    },
    {
      label: 'Won revenue',
      definition: definitions.revenue,
      figure: kpis.wonRevenue,
      format: money.compact,
      exact: money.full,
      kind: 'relative',
    },
    {
      label: inProgress ? 'Pipeline (open now)' : 'Pipeline (open at quarter end)',
      definition: definitions.pipeline,
      figure: details.pipeline,
      format: money.compact,
      exact: money.full,
      kind: 'relative',
    },
    {
      label: 'Opportunities',
      definition: definitions.opportunities,
      figure: details.opportunities,
      format: formatInteger,
      kind: 'relative',
    },
    {
      label: 'Win rate',
      definition: 'Win rate: won ÷ (won + lost), of the deals closed in the period.',
      figure: details.winRate,
      format: formatPercent,
      kind: 'points',
    },
  ];
}

export function SharedKpiTiles({ pack, money }: { pack: SharedPack; money: Money }) {
  const comparisons = {
    previous: quarterName(pack.previous.label),
    yearAgo: quarterName(pack.yearAgo.label),
  };
  return (
    <div className="shared-kpis" data-testid="shared-kpis">
      {tilesOf(pack, money).map((tile) => (
        <KpiTile key={tile.label} tile={tile} comparisons={comparisons} />
      ))}
    </div>
  );
}

function KpiTile({ tile, comparisons }: { tile: Tile; comparisons: { previous: string; yearAgo: string } }) {
  const descriptionId = useId();
  const { figure, format } = tile;
  return (
    <article className="kpi-tile shared-kpi" title={tile.definition} aria-describedby={descriptionId}>
      <h3 className="kpi-label">{tile.label}</h3>
      <p id={descriptionId} className="visually-hidden">
        {tile.definition}
      </p>
      <p className="kpi-value" title={tile.exact?.(figure.value)}>
        {format(figure.value)}
      </p>
      <ul className="kpi-deltas">
        <DeltaRow
          change={delta(figure.value, figure.previous, tile.kind, tile.lowerIsBetter)}
          label="QoQ"
          base={`${comparisons.previous}: ${format(figure.previous)}`}
        />
        <DeltaRow
          change={delta(figure.value, figure.yearAgo, tile.kind, tile.lowerIsBetter)}
          label="YoY"
          base={`${comparisons.yearAgo}: ${format(figure.yearAgo)}`}
        />
      </ul>
    </article>
  );
}

const arrows = { up: '▲', down: '▼', flat: '●' } as const;
const spoken = { up: 'up', down: 'down', flat: 'unchanged' } as const;

function DeltaRow({ change, label, base }: { change: Delta; label: string; base: string }) {
  return (
    <li className="kpi-delta">
      <span className={`delta delta-${change.tone}`}>
        {change.direction && (
          <>
            <span className="delta-arrow" aria-hidden="true">
              {arrows[change.direction]}
            </span>
            <span className="visually-hidden">{spoken[change.direction]} </span>
          </>
        )}
        {change.text}
      </span>
      <span className="delta-label">
        {label} · was {base}
      </span>
    </li>
  );
}

/** Placeholders the size of the tiles, so nothing moves when the figures arrive. */
export function SharedKpiTilesSkeleton() {
  return (
    <div className="shared-kpis" aria-hidden="true">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="kpi-tile kpi-tile-skeleton">
          <span className="skeleton skeleton-text-short" />
          <p className="kpi-value">
            <span className="skeleton skeleton-value" />
          </p>
          <span className="skeleton skeleton-delta" />
          <span className="skeleton skeleton-delta" />
        </div>
      ))}
    </div>
  );
}
