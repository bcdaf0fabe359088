-- rollup_lead_days_sql(delta): the statement folding leads into rollup_lead_days, one row per local day
-- of creation and source, with the counts the funnel, speed and overview figures read.
-- Defined in 0003_rollup_triggers, last changed in 0007_rollups_write_cost (unchanged rows not written).
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The statement adding to rollup_lead_days the leads a query yields (a column `sign`, then the columns
-- of leads): sign 1 adds a lead, -1 takes it away; the time zone is $1. Text, because a trigger's
-- transition tables are visible to its own function only: the triggers and rollups_rebuild() run the
-- same statement. Each count is a figure's condition in db/src/queries, evaluated once per lead.
CREATE OR REPLACE FUNCTION rollup_lead_days_sql(delta text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    insert into rollup_lead_days as r (day, source_id, leads, mql, sales_ready, accepted, opportunity, won,
      lost, disqualified, revenue, bant_score, mql_sales_ready, sales_ready_accepted, accepted_opportunity,
      sales_ready_opportunity, opportunity_won, opportunity_lost, skipped_mql, skipped_sales_ready,
      skipped_accepted, skipped_opportunity, skipped_any, out_of_order, sales_ready_30d, sales_ready_60d,
      sales_ready_90d, sales_ready_180d, won_30d, won_60d, won_90d, won_180d)
    select * from (
    select rollup_day(d.created_at, $1), d.source_id,
      sum(d.sign),
      sum(case when d.mql_at is not null then d.sign else 0 end),
      sum(case when d.sales_ready_at is not null then d.sign else 0 end),
      sum(case when d.accepted_at is not null then d.sign else 0 end),
      sum(case when d.opportunity_at is not null then d.sign else 0 end),
      sum(case when d.won_at is not null then d.sign else 0 end),
      sum(case when d.lost_at is not null then d.sign else 0 end),
      sum(case when d.disqualified_at is not null then d.sign else 0 end),
      coalesce(sum(case when d.won_at is not null then d.sign * d.amount end), 0),
      sum(d.sign * d.bant_score),
      sum(case when d.mql_at is not null and d.sales_ready_at is not null then d.sign else 0 end),
      sum(case when d.sales_ready_at is not null and d.accepted_at is not null then d.sign else 0 end),
      sum(case when d.accepted_at is not null and d.opportunity_at is not null then d.sign else 0 end),
      sum(case when d.sales_ready_at is not null and d.opportunity_at is not null then d.sign else 0 end),
      sum(case when d.opportunity_at is not null and d.won_at is not null then d.sign else 0 end),
      sum(case when d.opportunity_at is not null and d.lost_at is not null then d.sign else 0 end),
      sum(case when d.mql_at is null
        and coalesce(d.sales_ready_at, d.accepted_at, d.opportunity_at, d.won_at, d.lost_at) is not null
        then d.sign else 0 end),
      sum(case when d.sales_ready_at is null
        and coalesce(d.accepted_at, d.opportunity_at, d.won_at, d.lost_at) is not null then d.sign else 0 end),
      sum(case when d.accepted_at is null and coalesce(d.opportunity_at, d.won_at, d.lost_at) is not null
        then d.sign else 0 end),
      sum(case when d.opportunity_at is null and coalesce(d.won_at, d.lost_at) is not null
        then d.sign else 0 end),
      sum(case when (d.mql_at is null
          and coalesce(d.sales_ready_at, d.accepted_at, d.opportunity_at, d.won_at, d.lost_at) is not null)
        or (d.sales_ready_at is null and coalesce(d.accepted_at, d.opportunity_at, d.won_at, d.lost_at) is not null)
        or (d.accepted_at is null and coalesce(d.opportunity_at, d.won_at, d.lost_at) is not null)
        or (d.opportunity_at is null and coalesce(d.won_at, d.lost_at) is not null)
        then d.sign else 0 end),
      sum(case when d.mql_at < d.created_at
        or d.sales_ready_at < greatest(d.created_at, d.mql_at)
        or d.accepted_at < greatest(d.created_at, d.mql_at, d.sales_ready_at)
        or d.opportunity_at < greatest(d.created_at, d.mql_at, d.sales_ready_at, d.accepted_at)
        or d.won_at < greatest(d.created_at, d.mql_at, d.sales_ready_at, d.accepted_at, d.opportunity_at)
        or d.lost_at < greatest(d.created_at, d.mql_at, d.sales_ready_at, d.accepted_at, d.opportunity_at)
        then d.sign else 0 end),
      sum(case when (extract(epoch from (d.sales_ready_at - d.created_at)) / 86400.0) <= 30 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.sales_ready_at - d.created_at)) / 86400.0) <= 60 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.sales_ready_at - d.created_at)) / 86400.0) <= 90 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.sales_ready_at - d.created_at)) / 86400.0) <= 180 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.won_at - d.created_at)) / 86400.0) <= 30 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.won_at - d.created_at)) / 86400.0) <= 60 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.won_at - d.created_at)) / 86400.0) <= 90 then d.sign else 0 end),
      sum(case when (extract(epoch from (d.won_at - d.created_at)) / 86400.0) <= 180 then d.sign else 0 end)
    from (%s) d
    group by 1, 2
    ) g (day, source_id, leads, mql, sales_ready, accepted, opportunity, won, lost, disqualified, revenue, bant_score, mql_sales_ready, sales_ready_accepted, accepted_opportunity, sales_ready_opportunity, opportunity_won, opportunity_lost, skipped_mql, skipped_sales_ready, skipped_accepted, skipped_opportunity, skipped_any, out_of_order, sales_ready_30d, sales_ready_60d, sales_ready_90d, sales_ready_180d, won_30d, won_60d, won_90d, won_180d)
    -- An update changing nothing a row counts (an effective sales-ready time moved within its day)
    -- leaves that row alone.
    where (g.leads, g.mql, g.sales_ready, g.accepted, g.opportunity, g.won, g.lost, g.disqualified, g.revenue, g.bant_score, g.mql_sales_ready, g.sales_ready_accepted, g.accepted_opportunity, g.sales_ready_opportunity, g.opportunity_won, g.opportunity_lost, g.skipped_mql, g.skipped_sales_ready, g.skipped_accepted, g.skipped_opportunity, g.skipped_any, g.out_of_order, g.sales_ready_30d, g.sales_ready_60d, g.sales_ready_90d, g.sales_ready_180d, g.won_30d, g.won_60d, g.won_90d, g.won_180d)
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    -- One order for every writer: concurrent batches lock the rows they share in the same order.
    order by g.day, g.source_id
    on conflict (day, source_id) do update set
      leads = r.leads + excluded.leads, mql = r.mql + excluded.mql,
      sales_ready = r.sales_ready + excluded.sales_ready, accepted = r.accepted + excluded.accepted,
      opportunity = r.opportunity + excluded.opportunity, won = r.won + excluded.won,
      lost = r.lost + excluded.lost, disqualified = r.disqualified + excluded.disqualified,
      revenue = r.revenue + excluded.revenue, bant_score = r.bant_score + excluded.bant_score,
      mql_sales_ready = r.mql_sales_ready + excluded.mql_sales_ready,
      sales_ready_accepted = r.sales_ready_accepted + excluded.sales_ready_accepted,
      accepted_opportunity = r.accepted_opportunity + excluded.accepted_opportunity,
      sales_ready_opportunity = r.sales_ready_opportunity + excluded.sales_ready_opportunity,
      opportunity_won = r.opportunity_won + excluded.opportunity_won,
      opportunity_lost = r.opportunity_lost + excluded.opportunity_lost,
      skipped_mql = r.skipped_mql + excluded.skipped_mql,
      skipped_sales_ready = r.skipped_sales_ready + excluded.skipped_sales_ready,
      skipped_accepted = r.skipped_accepted + excluded.skipped_accepted,
      skipped_opportunity = r.skipped_opportunity + excluded.skipped_opportunity,
      skipped_any = r.skipped_any + excluded.skipped_any, out_of_order = r.out_of_order + excluded.out_of_order,
      sales_ready_30d = r.sales_ready_30d + excluded.sales_ready_30d,
      sales_ready_60d = r.sales_ready_60d + excluded.sales_ready_60d,
      sales_ready_90d = r.sales_ready_90d + excluded.sales_ready_90d,
      sales_ready_180d = r.sales_ready_180d + excluded.sales_ready_180d,
      won_30d = r.won_30d + excluded.won_30d, won_60d = r.won_60d + excluded.won_60d,
      won_90d = r.won_90d + excluded.won_90d, won_180d = r.won_180d + excluded.won_180d
  $q$, delta)
$f$;
