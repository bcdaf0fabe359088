-- Cheaper writes, the same figures (0003 explains the rollups). Every import batch updates the effective
-- sales-ready time of its leads (the sales-ready rule), which moved every stage row of each lead out and
-- back in. Now a stage row keeps only what the figures read of it (the later stages reached, the amount,
-- the influence, each for the stages whose figures use it), the old and new rows of an update are netted
-- in one statement, and rows left unchanged are not written; the attribution is recounted for won leads
-- only. The rows are rebuilt to the narrower definitions at the end.

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
--> statement-breakpoint

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
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rollup_refresh_lead_facts(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
declare
  won bigint[];
begin
  execute format($q$
    with f as (%s),
    gone as (
      delete from rollup_lead_facts r
      where r.lead_id = any($1) and not exists (select 1 from f where f.lead_id = r.lead_id))
    insert into rollup_lead_facts as r (lead_id, created_at, source_id, sales_ready_at, touches,
      days_to_sales_ready, days_to_won, lead_days, mql_days, sales_ready_days, accepted_days, opportunity_days,
      influenced)
    select * from f
    on conflict (lead_id) do update set
      created_at = excluded.created_at, source_id = excluded.source_id, sales_ready_at = excluded.sales_ready_at,
      touches = excluded.touches, days_to_sales_ready = excluded.days_to_sales_ready,
      days_to_won = excluded.days_to_won, lead_days = excluded.lead_days, mql_days = excluded.mql_days,
      sales_ready_days = excluded.sales_ready_days, accepted_days = excluded.accepted_days,
      opportunity_days = excluded.opportunity_days, influenced = excluded.influenced
    where (r.created_at, r.source_id, r.sales_ready_at, r.touches, r.days_to_sales_ready, r.days_to_won,
           r.lead_days, r.mql_days, r.sales_ready_days, r.accepted_days, r.opportunity_days, r.influenced)
      is distinct from (excluded.created_at, excluded.source_id, excluded.sales_ready_at, excluded.touches,
           excluded.days_to_sales_ready, excluded.days_to_won, excluded.lead_days, excluded.mql_days,
           excluded.sales_ready_days, excluded.accepted_days, excluded.opportunity_days, excluded.influenced)
  $q$, rollup_lead_facts_sql('leads l where l.id = any($1)')) using ids;
  -- Only won leads have an attribution (and those no longer won lose theirs).
  won := array(select l.id from leads l where l.id = any(ids) and l.won_at is not null
               union select a.lead_id from rollup_attribution a where a.lead_id = any(ids));
  if cardinality(won) > 0 then
    perform rollup_refresh_attribution(won);
  end if;
end
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rollups_on_leads() RETURNS trigger
LANGUAGE plpgsql AS $$
declare
  tz text := (select timezone from rollup_state where id = 1);
  -- The leads an update changed in a column the rollups read (the others change no rollup).
  pairs constant text := 'old_rows o join new_rows n on n.id = o.id';
  changed constant text := '(o.created_at, o.source_id, o.mql_at, o.sales_ready_at, o.accepted_at,
    o.opportunity_at, o.won_at, o.lost_at, o.disqualified_at, o.amount, o.bant_score)
    is distinct from (n.created_at, n.source_id, n.mql_at, n.sales_ready_at, n.accepted_at,
    n.opportunity_at, n.won_at, n.lost_at, n.disqualified_at, n.amount, n.bant_score)';
  ids bigint[];
  influenced bigint[];
begin
  -- No state row: no rollups (the figures read the raw tables until rollups_rebuild()).
  if tz is null then
    return null;
  end if;
  if tg_op = 'INSERT' then
    -- New leads have no facts yet, and no touches (a touch needs its lead): read them as inserted.
    execute format('insert into rollup_lead_facts (lead_id, created_at, source_id, sales_ready_at, touches,
      days_to_sales_ready, days_to_won, lead_days, mql_days, sales_ready_days, accepted_days, opportunity_days,
      influenced) %s', rollup_lead_facts_sql('new_rows l'));
    ids := array(select n.id from new_rows n where n.won_at is not null);
    if cardinality(ids) > 0 then
      perform rollup_refresh_attribution(ids);
    end if;
    execute rollup_lead_days_sql('select 1 as sign, n.* from new_rows n') using tz;
    -- Not influenced: marketing influence is a touch, and a new lead has none yet.
    execute rollup_stage_days_sql('select 1 as sign, n.*, false as influenced from new_rows n') using tz;
  elsif tg_op = 'DELETE' then
    execute rollup_lead_days_sql('select -1 as sign, o.* from old_rows o') using tz;
    -- Looked up lead by lead: a hash join would read all the facts for a few leads.
    execute rollup_stage_days_sql('select -1 as sign, o.*, coalesce((select f.influenced from rollup_lead_facts f
      where f.lead_id = o.id), false) as influenced from old_rows o') using tz;
    ids := array(select o.id from old_rows o);
    delete from rollup_lead_facts r where r.lead_id = any(ids);
    delete from rollup_attribution r where r.lead_id = any(ids);
  else
    execute format('select array(select n.id from %s where %s)', pairs, changed) into ids;
    if cardinality(ids) = 0 then
      return null;
    end if;
    execute rollup_lead_days_sql(format('select -1 as sign, o.* from %1$s where %2$s
      union all select 1 as sign, n.* from %1$s where %2$s', pairs, changed)) using tz;
    -- Stage rows take `influenced` from the facts: the old rows as they were, the new ones as refreshed.
    influenced := array(select f.lead_id from rollup_lead_facts f where f.lead_id = any(ids) and f.influenced);
    perform rollup_refresh_lead_facts(ids);
    execute rollup_stage_days_sql(format('select -1 as sign, o.*, (i.id is not null) as influenced
        from %1$s left join unnest($2::bigint[]) as i(id) on i.id = o.id where %2$s
      union all
      select 1 as sign, n.*, coalesce((select f.influenced from rollup_lead_facts f where f.lead_id = n.id), false)
          as influenced
        from %1$s where %2$s', pairs, changed))
      using tz, influenced;
  end if;
  return null;
end
$$;
--> statement-breakpoint

SELECT rollups_rebuild();
--> statement-breakpoint

-- The statements of the triggers are small: compiling them to machine code (PostgreSQL's JIT, above
-- a cost its row estimates for transition tables easily reach) takes longer than running them.
ALTER FUNCTION rollups_on_leads() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION rollups_on_touches() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION rollups_on_sources() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION rollup_refresh_lead_facts(bigint[]) SET jit = off;
--> statement-breakpoint
ALTER FUNCTION rollup_refresh_attribution(bigint[]) SET jit = off;
