-- rollup_lead_facts: one row per lead with something to keep (its durations, marketing touches and
-- influence, and for an SRL its hand-off: first sales follow-up, last activity, still with sales).
-- Defined in 0003_rollup_triggers, last changed in 0013_influence_window (docs/decisions/0010).
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- A query yielding the rollup_lead_facts row of each lead of `leads` (rows of leads aliased l, e.g.
-- 'leads l where l.id = any($1)') that has something to keep. The durations are the figures' own
-- expressions (docs/metrics.md), cast to float8 as percentile_cont casts them, so a median of them is
-- the figure's.
-- For every SRL the row also keeps its hand-off (handoff_at, first_sales_at, last_activity_at, with_sales),
-- so the hand-off figures probe no touches per lead and the lists of the leads waiting read a small
-- partial index (docs/decisions/0010). They follow the lead (its sales-ready time, stages and status: a
-- sales-ready rule change rewrites `sales_ready_at`, which refreshes them) and every touch of an SRL.
CREATE OR REPLACE FUNCTION rollup_lead_facts_sql(leads text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    select f.* from (
      select l.id, l.created_at, l.source_id,
        case when l.sales_ready_at >= l.created_at then l.sales_ready_at end,
        case when l.sales_ready_at >= l.created_at then (select count(*) from touches t
          where t.lead_id = l.id and t.actor = 'marketing'
            and t.occurred_at >= l.created_at and t.occurred_at <= l.sales_ready_at) end,
        case when l.sales_ready_at >= l.created_at
          then (extract(epoch from (l.sales_ready_at - l.created_at)) / 86400.0)::float8 end,
        case when l.won_at >= l.created_at
          then (extract(epoch from (l.won_at - l.created_at)) / 86400.0)::float8 end,
        case when least(l.mql_at, l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at, l.lost_at)
            >= l.created_at
          then (extract(epoch from (least(l.mql_at, l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at,
            l.lost_at) - l.created_at)) / 86400.0)::float8 end,
        case when least(l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at, l.lost_at) >= l.mql_at
          then (extract(epoch from (least(l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at,
            l.lost_at) - l.mql_at)) / 86400.0)::float8 end,
        case when least(l.accepted_at, l.opportunity_at, l.won_at, l.lost_at) >= l.sales_ready_at
          then (extract(epoch from (least(l.accepted_at, l.opportunity_at, l.won_at, l.lost_at)
            - l.sales_ready_at)) / 86400.0)::float8 end,
        case when least(l.opportunity_at, l.won_at, l.lost_at) >= l.accepted_at
          then (extract(epoch from (least(l.opportunity_at, l.won_at, l.lost_at) - l.accepted_at))
            / 86400.0)::float8 end,
        case when least(l.won_at, l.lost_at) >= l.opportunity_at
          then (extract(epoch from (least(l.won_at, l.lost_at) - l.opportunity_at)) / 86400.0)::float8 end,
        coalesce(l.opportunity_at, least(l.won_at, l.lost_at)) is not null and exists (select 1 from touches t
          where t.lead_id = l.id and t.actor = 'marketing'
            and t.occurred_at < coalesce(l.opportunity_at, least(l.won_at, l.lost_at))
            and t.occurred_at >= coalesce(l.opportunity_at, least(l.won_at, l.lost_at))
              - make_interval(days => (select s.influence_window_days from settings s where s.id = 1))),
        l.sales_ready_at,
        case when l.sales_ready_at is not null then (select min(t.occurred_at) from touches t
          where t.lead_id = l.id and t.actor = 'sales' and t.occurred_at >= l.sales_ready_at) end,
        case when l.sales_ready_at is not null then greatest(l.sales_ready_at, l.accepted_at, l.opportunity_at,
          (select max(t.occurred_at) from touches t where t.lead_id = l.id)) end,
        l.sales_ready_at is not null and l.status = 'open' and l.won_at is null and l.lost_at is null
          and l.disqualified_at is null
      from %s
      offset 0 -- computed once per lead, not again for the filter below
    ) f (lead_id, created_at, source_id, sales_ready_at, touches, days_to_sales_ready, days_to_won, lead_days,
         mql_days, sales_ready_days, accepted_days, opportunity_days, influenced, handoff_at, first_sales_at,
         last_activity_at, with_sales)
    where f.influenced or f.handoff_at is not null
      or num_nonnulls(f.days_to_sales_ready, f.days_to_won, f.lead_days, f.mql_days, f.sales_ready_days,
                      f.accepted_days, f.opportunity_days) > 0
  $q$, leads)
$f$;
--> statement-breakpoint
-- Recomputes the facts and the attribution of the given leads (a lead gone, or left with nothing to
-- keep, leaves the tables).
-- Runs with JIT off: its statements are small, and compiling them to machine code (PostgreSQL's JIT,
-- above a cost its row estimates for transition tables easily reach) takes longer than running them.
CREATE OR REPLACE FUNCTION rollup_refresh_lead_facts(ids bigint[]) RETURNS void
LANGUAGE plpgsql SET jit = off AS $$
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
      influenced, handoff_at, first_sales_at, last_activity_at, with_sales)
    select * from f
    on conflict (lead_id) do update set
      created_at = excluded.created_at, source_id = excluded.source_id, sales_ready_at = excluded.sales_ready_at,
      touches = excluded.touches, days_to_sales_ready = excluded.days_to_sales_ready,
      days_to_won = excluded.days_to_won, lead_days = excluded.lead_days, mql_days = excluded.mql_days,
      sales_ready_days = excluded.sales_ready_days, accepted_days = excluded.accepted_days,
      opportunity_days = excluded.opportunity_days, influenced = excluded.influenced,
      handoff_at = excluded.handoff_at, first_sales_at = excluded.first_sales_at,
      last_activity_at = excluded.last_activity_at, with_sales = excluded.with_sales
    where (r.created_at, r.source_id, r.sales_ready_at, r.touches, r.days_to_sales_ready, r.days_to_won,
           r.lead_days, r.mql_days, r.sales_ready_days, r.accepted_days, r.opportunity_days, r.influenced,
           r.handoff_at, r.first_sales_at, r.last_activity_at, r.with_sales)
      is distinct from (excluded.created_at, excluded.source_id, excluded.sales_ready_at, excluded.touches,
           excluded.days_to_sales_ready, excluded.days_to_won, excluded.lead_days, excluded.mql_days,
           excluded.sales_ready_days, excluded.accepted_days, excluded.opportunity_days, excluded.influenced,
           excluded.handoff_at, excluded.first_sales_at, excluded.last_activity_at, excluded.with_sales)
  $q$, rollup_lead_facts_sql('leads l where l.id = any($1)')) using ids;
  -- Only won leads have an attribution (and those no longer won lose theirs).
  won := array(select l.id from leads l where l.id = any(ids) and l.won_at is not null
               union select a.lead_id from rollup_attribution a where a.lead_id = any(ids));
  if cardinality(won) > 0 then
    perform rollup_refresh_attribution(won);
  end if;
end
$$;
