import type { CSSProperties } from 'react';
import { SkeletonCell, SkeletonFrame, SkeletonHeadRow } from '../../../components/skeleton-table';
import { formatInteger, formatMoney, formatMoneyCompact, formatPercent } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import type { Cohort, Cohorts } from '../api/get-cohorts';
import type { CohortMetric } from '../cohorts-filter';

export const ageColumns = [
  { key: 'd30', label: '30 days', days: 30 },
  { key: 'd60', label: '60 days', days: 60 },
  { key: 'd90', label: '90 days', days: 90 },
  { key: 'd180', label: '180 days', days: 180 },
  { key: 'toDate', label: 'To date', days: null },
] as const;

const metricWords: Record<
  CohortMetric,
  { noun: string; count: 'salesReadyToDate' | 'wonToDate'; countLabel: string }
> = {
  salesReady: { noun: 'sales-ready', count: 'salesReadyToDate', countLabel: 'SRLs to date' },
  won: { noun: 'won', count: 'wonToDate', countLabel: 'Won to date' },
};

interface CohortHeatmapProps {
  cohorts: Cohorts;
  metric: CohortMetric;
  /** The lead list of one cohort. */
  linkFor: (cohort: Cohort) => string;
}

/** Created slice × age: the share of each cohort that converted within N days, darker is higher. */
export function CohortHeatmap({ cohorts, metric, linkFor }: CohortHeatmapProps) {
  const rates = cohorts.cohorts.flatMap((c) => ageColumns.map((a) => c[metric][a.key]));
  const max = Math.max(0, ...rates.filter((r): r is number => r !== null));
  const words = metricWords[metric];
  return (
    <div className="table-scroll">
      <table className="data-table heatmap" data-testid="cohort-heatmap" data-metric={metric}>
        <caption className="visually-hidden">
          Share of each cohort {words.noun} within 30, 60, 90 and 180 days of creation and to date
        </caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col" className="num" title="Leads created in the cohort's slice.">
              Leads
            </th>
            {ageColumns.map((a) => (
              <th
                key={a.key}
                scope="col"
                className="heat-col"
                title={
                  a.days === null
                    ? `Share ${words.noun} by today, whatever the cohort's age.`
                    : `Share ${words.noun} within ${a.days} days of creation; "not yet" until the whole cohort is ${a.days} days old.`
                }
              >
                {a.days === null ? 'To date' : `Within ${a.label}`}
              </th>
            ))}
            <th scope="col" className="num">
              {words.countLabel}
            </th>
            <th scope="col" className="num" title="Won revenue to date from the cohort's leads.">
              Revenue to date
            </th>
          </tr>
        </thead>
        <tbody>
          {cohorts.cohorts.map((cohort) => (
            <tr key={cohort.label} data-testid={`cohort-row-${cohort.label}`}>
              <th scope="row">
                <Link to={linkFor(cohort)} className="row-link" title="Open the leads of this cohort">
                  {cohortName(cohort.label)}
                </Link>
              </th>
              <td className="num">{formatInteger(cohort.leads)}</td>
              {ageColumns.map((a) => (
                <HeatCell key={a.key} value={cohort[metric][a.key]} max={max} empty={cohort.leads === 0} />
              ))}
              <td className="num">{formatInteger(cohort[words.count])}</td>
              <td className="num" title={formatMoney(cohort.revenueToDate)}>
                {formatMoneyCompact(cohort.revenueToDate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeatCell({ value, max, empty }: { value: number | null; max: number; empty: boolean }) {
  if (empty) return <td className="heat-cell is-empty">—</td>;
  if (value === null)
    return (
      <td className="heat-cell is-pending" title="Not yet: the cohort is not that old yet.">
        not yet
      </td>
    );
  // Up to 65% of the accent over the surface keeps the figure's text at AA contrast in both themes.
  const strength = max > 0 ? 4 + (value / max) * 61 : 4;
  return (
    <td className="heat-cell" style={{ '--heat-strength': `${strength.toFixed(1)}%` } as CSSProperties}>
      {formatPercent(value)}
    </td>
  );
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-Q1` → Q1 2026, `2026-03` → Mar 2026 */
export function cohortName(label: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${months[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  return quarterName(label);
}

export function CohortHeatmapSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <SkeletonFrame className="heatmap is-skeleton" head={<SkeletonHeadRow columns={skeletonColumns} />}>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i}>
            <th>
              <span className="skeleton skeleton-cell" />
            </th>
            <SkeletonCell className="num" />
            {ageColumns.map((a) => (
              <td key={a.key} className="heat-cell is-skeleton" />
            ))}
            <SkeletonCell className="num" />
            <SkeletonCell className="num" />
          </tr>
        ))}
      </tbody>
    </SkeletonFrame>
  );
}

const skeletonColumns = [
  { label: 'Created' },
  { label: 'Leads', className: 'num' },
  ...ageColumns.map((a) => ({
    label: a.days === null ? 'To date' : `Within ${a.label}`,
    className: 'heat-col',
  })),
  { label: 'SRLs to date', className: 'num' },
  { label: 'Revenue from these leads', className: 'num' },
];
