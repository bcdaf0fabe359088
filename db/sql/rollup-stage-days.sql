-- rollup_stage_days_sql(delta): the statement folding leads into rollup_stage_days, one row per stage
-- reached, local day and source, with only what the figures read of each stage.
-- Defined in 0003_rollup_triggers, last changed in 0007_rollups_write_cost.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The same for rollup_stage_days, one row per stage a lead reached on that stage's day. The query's
-- rows carry a column `influenced` besides those of leads (rollup_lead_facts.influenced).
CREATE OR REPLACE FUNCTION rollup_stage_days_sql(delta text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    -- The query's rows once; then one row per stage each reached.
    with d as materialized (%s)
    insert into rollup_stage_days as r (stage, day, source_id, leads, amount, orderly, then_sales_ready,
      then_accepted, then_opportunity, then_won, then_lost, influenced, influenced_amount)
    select * from (
    select s.kind, rollup_day(s.at, $1), s.source_id,
      sum(s.sign),
      coalesce(sum(case when s.kind in ('opportunity', 'opportunity_closed', 'won') then s.sign * s.amount end), 0),
      sum(case when s.kind = 'sales_ready' and s.at >= s.created_at then s.sign else 0 end),
      sum(case when s.kind = 'mql' and s.sales_ready_at is not null then s.sign else 0 end),
      sum(case when s.kind = 'sales_ready' and s.accepted_at is not null then s.sign else 0 end),
      sum(case when s.kind in ('sales_ready', 'accepted') and s.opportunity_at is not null then s.sign else 0 end),
      sum(case when s.kind = 'opportunity' and s.won_at is not null then s.sign else 0 end),
      sum(case when s.kind = 'opportunity' and s.lost_at is not null then s.sign else 0 end),
      sum(case when s.kind in ('opportunity', 'opportunity_closed', 'won') and s.influenced then s.sign else 0 end),
      coalesce(sum(case when s.kind in ('opportunity', 'opportunity_closed', 'won') and s.influenced
        then s.sign * s.amount end), 0)
    from (
      select 'mql' as kind, d.mql_at as at, d.* from d where d.mql_at is not null
      union all select 'sales_ready', d.sales_ready_at, d.* from d where d.sales_ready_at is not null
      union all select 'accepted', d.accepted_at, d.* from d where d.accepted_at is not null
      union all select 'opportunity', d.opportunity_at, d.* from d where d.opportunity_at is not null
      union all select 'won', d.won_at, d.* from d where d.won_at is not null
      union all select 'lost', d.lost_at, d.* from d where d.lost_at is not null
      union all select 'disqualified', d.disqualified_at, d.* from d where d.disqualified_at is not null
      -- Closed (won, lost or disqualified), on the later of its opportunity and close times.
      union all select 'opportunity_closed', greatest(d.opportunity_at, least(d.won_at, d.lost_at, d.disqualified_at)), d.*
        from d where d.opportunity_at is not null and coalesce(d.won_at, d.lost_at, d.disqualified_at) is not null
    ) s
    group by 1, 2, 3
    ) g (stage, day, source_id, leads, amount, orderly, then_sales_ready, then_accepted, then_opportunity, then_won, then_lost, influenced, influenced_amount)
    where (g.leads, g.amount, g.orderly, g.then_sales_ready, g.then_accepted, g.then_opportunity, g.then_won, g.then_lost, g.influenced, g.influenced_amount)
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by g.stage, g.day, g.source_id
    on conflict (stage, day, source_id) do update set
      leads = r.leads + excluded.leads, amount = r.amount + excluded.amount,
      orderly = r.orderly + excluded.orderly,
      then_sales_ready = r.then_sales_ready + excluded.then_sales_ready,
      then_accepted = r.then_accepted + excluded.then_accepted,
      then_opportunity = r.then_opportunity + excluded.then_opportunity,
      then_won = r.then_won + excluded.then_won, then_lost = r.then_lost + excluded.then_lost,
      influenced = r.influenced + excluded.influenced,
      influenced_amount = r.influenced_amount + excluded.influenced_amount
  $q$, delta)
$f$;
