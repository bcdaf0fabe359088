import { type FigureId, figureEntry } from '@salesready/api/figures/catalogue';
import { useId } from 'react';
import { DeltaBadge } from '../../../components/delta-badge';
import { SkeletonBox } from '../../../components/skeleton-box';
import { type Delta, delta } from '../../../lib/delta';
import { formatDays, formatInteger, formatPercent } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import type { SharedPack } from '../api/get-shared-pack';
import type { Compared, Format, Money } from './shared-figures';

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
  const tile = (
    id: FigureId,
    figure: Compared,
    format: Format,
    kind: Tile['kind'],
    more?: Partial<Tile>,
  ) => ({
    ...catalogued(id),
    figure,
    format,
    kind,
    ...more,
  });
  const amounts = { exact: money.full };
  return [
    tile('leads', kpis.leads, formatInteger, 'relative'),
    tile('srls', kpis.salesReady, formatInteger, 'relative'),
    tile('srlRate', kpis.salesReadyRate, formatPercent, 'points'),
    tile('medianDaysToSrl', kpis.medianDaysToSalesReady, formatDays, 'relative', { lowerIsBetter: true }),
    tile('wonRevenue', kpis.wonRevenue, money.compact, 'relative', amounts),
    tile('openPipeline', details.pipeline, money.compact, 'relative', amounts),
    tile('opportunities', details.opportunities, formatInteger, 'relative'),
    tile('winRate', details.winRate, formatPercent, 'points'),
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

function DeltaRow({ change, label, base }: { change: Delta; label: string; base: string }) {
  return (
    <li className="kpi-delta">
      <DeltaBadge delta={change} />
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
          <SkeletonBox as="p" className="kpi-value" bar="value" />
          <span className="skeleton skeleton-delta" />
          <span className="skeleton skeleton-delta" />
        </div>
      ))}
    </div>
  );
}
