import { type FigureId, figureEntry } from '@salesready/api/figures/catalogue';
import { useId } from 'react';
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

/** A catalogued figure's label and definition: the tile says what the dashboard and the PDF say. */
const catalogued = (id: FigureId) => {
  const entry = figureEntry(id);
  return { label: entry.label, definition: `${entry.label}: ${entry.definition}` };
};

/** The executive summary's tiles, the PDF's eight, each with its QoQ and YoY change. */
function tilesOf(pack: SharedPack, money: Money): Tile[] {
  const { kpis, details } = pack;
  return [
    {
      ...catalogued('leads'),
      figure: kpis.leads,
      format: formatInteger,
      kind: 'relative',
    },
    {
      ...catalogued('srls'),
      figure: kpis.salesReady,
      format: formatInteger,
      kind: 'relative',
    },
    {
      ...catalogued('srlRate'),
      figure: kpis.salesReadyRate,
      format: formatPercent,
      kind: 'points',
    },
    {
      ...catalogued('medianDaysToSrl'),
      figure: kpis.medianDaysToSalesReady,
      format: formatDays,
      kind: 'relative',
      lowerIsBetter: true,
    },
    {
      ...catalogued('wonRevenue'),
      figure: kpis.wonRevenue,
      format: money.compact,
      exact: money.full,
      kind: 'relative',
    },
    {
      ...catalogued('openPipeline'),
      figure: details.pipeline,
      format: money.compact,
      exact: money.full,
      kind: 'relative',
    },
    {
      ...catalogued('opportunities'),
      figure: details.opportunities,
      format: formatInteger,
      kind: 'relative',
    },
    {
      ...catalogued('winRate'),
      figure: details.winRate,
      format: formatPercent,
      kind: 'points',
    },
  ];
}

export function SharedKpiTiles({ pack, money }: { pack: SharedPack; money: Money }) {
  // While the quarter is in progress each comparison is as of the same day, and says so.
  const at = pack.daysElapsed === null ? '' : ` at day ${pack.daysElapsed}`;
  const comparisons = {
    previous: `vs ${quarterName(pack.previous.label)}${at}`,
    yearAgo: `vs ${quarterName(pack.yearAgo.label)}${at}`,
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
          label={comparisons.previous}
          base={`${format(figure.previous)}`}
        />
        <DeltaRow
          change={delta(figure.value, figure.yearAgo, tile.kind, tile.lowerIsBetter)}
          label={comparisons.yearAgo}
          base={`${format(figure.yearAgo)}`}
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
