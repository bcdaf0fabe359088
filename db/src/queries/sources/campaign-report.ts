import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import {
  filtersBeyondSource,
  intArray,
  leadConditions,
  type MetricFilter,
  ratioSql,
  textArray,
} from '../filter';
import { type MetricView, reachedInView, viewScope } from '../stages';
import { monthsIn, prorated } from './spend-in-range';

/** One campaign of one source: its leads through the funnel, its spend and what each stage cost. */
export interface CampaignRow {
  sourceId: number;
  source: string;
  /** As the spend or the leads spell it; '' for the leads without a campaign. */
  campaign: string;
  leads: number;
  salesReady: number;
  opportunities: number;
  won: number;
  revenue: number;
  /** Spend booked to this campaign in the range (prorated by day); null when none is. */
  spend: number | null;
  costPerLead: number | null;
  costPerSalesReady: number | null;
  costPerOpportunity: number | null;
  costPerWon: number | null;
}

export interface CampaignReport {
  view: MetricView;
  rows: CampaignRow[];
  /** Campaigns past the first `limit` (fewest leads and least spend), not listed. */
  more: number;
  /**
   * Spend in the range not split by campaign (a month booked as one total), per source listed: it
   * covers all of a source's campaigns, so no campaign's cost includes it.
   */
  unsplitSpend: { sourceId: number; source: string; spend: number }[];
}

/**
 * Cost per lead, SRL, opportunity and won deal per campaign (docs/metrics.md, "By campaign"). A lead's
 * campaign and the spend's campaign match by name, ignoring case and surrounding spaces. Counts follow
 * the view as the sources report counts them; spend is null under a segment, country or owner filter.
 */
export async function campaignReport(
  db: Database,
  filter: MetricFilter,
  view: MetricView = 'cohort',
  limit = 200,
): Promise<CampaignReport> {
  const v = (stage: Parameters<typeof reachedInView>[0]) => reachedInView(stage, view, filter);
  const spendWhere = [monthsIn(sql`sp.month`, filter)];
  if (filtersBeyondSource(filter)) spendWhere.push(sql`false`);
  if (filter.sourceIds?.length)
    spendWhere.push(sql`sp.source_id = any(${intArray(filter.sourceIds)}::int[])`);
  if (filter.categories?.length)
    spendWhere.push(sql`s.category = any(${textArray(filter.categories)}::text[])`);
  const rows = await selectRows<CampaignRow & { total: number }>(
    db,
    sql`
    with lead_campaigns as (
      select l.source_id, lower(btrim(coalesce(l.campaign, ''))) as key, min(btrim(l.campaign)) as name,
             count(*) filter (where ${v('lead')}) as leads,
             count(*) filter (where ${v('salesReady')}) as sales_ready,
             count(*) filter (where ${v('opportunity')}) as opportunities,
             count(*) filter (where ${v('won')}) as won,
             coalesce(sum(l.amount) filter (where ${v('won')}), 0) as revenue
      from leads l
      where l.source_id is not null
        and ${viewScope(view, filter, ['lead', 'salesReady', 'opportunity', 'won'])} and ${leadConditions(filter)}
      group by 1, 2
    ),
    spend_campaigns as (
      select sp.source_id, lower(btrim(sp.campaign)) as key, min(btrim(sp.campaign)) as name,
             sum(${prorated(sql`sp.amount`, sql`sp.month`, filter)}) as spend
      from spend sp join sources s on s.id = sp.source_id
      where ${sql.join(spendWhere, sql` and `)}
      group by 1, 2
    ),
    -- A month booked as one total is no campaign's: it is answered apart (unsplitSpend).
    joined as (
      select coalesce(l.source_id, sc.source_id) as source_id, coalesce(l.key, sc.key) as key,
             coalesce(sc.name, l.name, '') as campaign,
             coalesce(l.leads, 0) as leads, coalesce(l.sales_ready, 0) as sales_ready,
             coalesce(l.opportunities, 0) as opportunities, coalesce(l.won, 0) as won,
             coalesce(l.revenue, 0) as revenue, sc.spend
      from lead_campaigns l full join spend_campaigns sc on sc.source_id = l.source_id and sc.key = l.key
      where (coalesce(l.leads, 0) + coalesce(l.sales_ready, 0) + coalesce(l.opportunities, 0)
             + coalesce(l.won, 0)) > 0 or (sc.spend > 0 and sc.key <> '')
    )
    select j.source_id as "sourceId", s.name as source, j.campaign,
           j.leads::int as leads, j.sales_ready::int as "salesReady", j.opportunities::int as opportunities,
           j.won::int as won, j.revenue::float8 as revenue,
           case when j.key = '' then null else j.spend::float8 end as spend,
           case when j.key <> '' and j.spend is not null then ${ratioSql(sql`j.spend`, sql`j.leads`)} end as "costPerLead",
           case when j.key <> '' and j.spend is not null then ${ratioSql(sql`j.spend`, sql`j.sales_ready`)} end as "costPerSalesReady",
           case when j.key <> '' and j.spend is not null then ${ratioSql(sql`j.spend`, sql`j.opportunities`)} end as "costPerOpportunity",
           case when j.key <> '' and j.spend is not null then ${ratioSql(sql`j.spend`, sql`j.won`)} end as "costPerWon",
           (count(*) over ())::int as total
    from joined j join sources s on s.id = j.source_id
    order by j.key = '', j.spend desc nulls last, j.leads desc, s.name, j.campaign
    limit ${limit}`,
  );
  const unsplit = await selectRows<{ sourceId: number; source: string; spend: number }>(
    db,
    sql`select sp.source_id as "sourceId", s.name as source,
               sum(${prorated(sql`sp.amount`, sql`sp.month`, filter)})::float8 as spend
        from spend sp join sources s on s.id = sp.source_id
        where btrim(sp.campaign) = '' and ${sql.join(spendWhere, sql` and `)}
        group by sp.source_id, s.name
        having sum(${prorated(sql`sp.amount`, sql`sp.month`, filter)}) > 0
        order by 3 desc, 2`,
  );
  const total = rows[0]?.total ?? 0;
  return {
    view,
    rows: rows.map(({ total: _t, ...row }) => ({ ...row, sourceId: Number(row.sourceId) })),
    more: Math.max(0, total - rows.length),
    unsplitSpend: unsplit.map((u) => ({ ...u, sourceId: Number(u.sourceId) })),
  };
}
