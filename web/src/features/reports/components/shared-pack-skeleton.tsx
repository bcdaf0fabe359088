import { SkeletonBox } from '../../../components/skeleton-box';
import { SharedKpiTilesSkeleton } from './shared-kpi-tiles';

/** The page's shape while the figures load: title, tiles and two sections, so nothing jumps. */
export function SharedPackSkeleton() {
  return (
    <div className="shared-body" aria-busy="true" data-testid="shared-loading">
      <p className="visually-hidden" role="status">
        Loading the quarter’s figures…
      </p>
      <div aria-hidden="true" className="shared-intro">
        <span className="skeleton skeleton-value shared-skeleton-title" />
        <span className="skeleton skeleton-text" />
        <span className="skeleton skeleton-text-short" />
      </div>
      <SharedKpiTilesSkeleton />
      {[0, 1].map((i) => (
        <div key={i} className="card shared-section" aria-hidden="true">
          <SkeletonBox className="card-header" bar="text-short" />
          <SkeletonBox className="shared-chart" bar="chart" />
        </div>
      ))}
    </div>
  );
}
