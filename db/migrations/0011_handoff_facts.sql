ALTER TABLE "rollup_lead_facts" ADD COLUMN "handoff_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rollup_lead_facts" ADD COLUMN "first_sales_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rollup_lead_facts" ADD COLUMN "last_activity_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rollup_lead_facts" ADD COLUMN "with_sales" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "rollup_lead_facts_handoff_idx" ON "rollup_lead_facts" USING btree ("handoff_at","source_id","first_sales_at","lead_id") WHERE "rollup_lead_facts"."handoff_at" is not null;--> statement-breakpoint
CREATE INDEX "rollup_lead_facts_with_sales_idx" ON "rollup_lead_facts" USING btree ("handoff_at","source_id","first_sales_at","last_activity_at","lead_id") WHERE "rollup_lead_facts"."with_sales";--> statement-breakpoint

-- The hand-off figures (speed to lead, SLA, neglected and stalled SRLs) looked up, per SRL, its first
-- sales touch since becoming sales-ready and its latest touch: one index probe into 10M touches per
-- lead, for every request. The facts now keep them for every SRL (docs/decisions/0010), with whether
-- the lead is still with sales, so the lists of the leads waiting read a small partial index. They
-- follow the leads (its sales-ready time, stages and status: a sales-ready rule change rewrites
-- `sales_ready_at`, which refreshes them) and every touch of an SRL, either side.

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
            and t.occurred_at < coalesce(l.opportunity_at, least(l.won_at, l.lost_at))),
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
  -- Those, and the leads whose status alone changed (only the facts read it: still with sales).
  facts bigint[];
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
      influenced, handoff_at, first_sales_at, last_activity_at, with_sales) %s', rollup_lead_facts_sql('new_rows l'));
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
    facts := ids || array(select n.id from old_rows o join new_rows n on n.id = o.id
      where o.status is distinct from n.status and n.sales_ready_at is not null and n.id <> all(ids));
    if cardinality(facts) = 0 then
      return null;
    end if;
    if cardinality(ids) = 0 then
      perform rollup_refresh_lead_facts(facts);
      return null;
    end if;
    execute rollup_lead_days_sql(format('select -1 as sign, o.* from %1$s where %2$s
      union all select 1 as sign, n.* from %1$s where %2$s', pairs, changed)) using tz;
    -- Stage rows take `influenced` from the facts: the old rows as they were, the new ones as refreshed.
    influenced := array(select f.lead_id from rollup_lead_facts f where f.lead_id = any(ids) and f.influenced);
    perform rollup_refresh_lead_facts(facts);
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

-- Folds a statement on touches into the rollups: the facts of the leads whose touches changed and that
-- touches matter to (an SRL: its follow-up and last activity, either side; a lead sales-ready after its
-- creation or with a deal: its marketing touches and influence), and the influenced counts of the deals
-- whose influence did.
CREATE OR REPLACE FUNCTION rollups_on_touches() RETURNS trigger
LANGUAGE plpgsql AS $$
declare
  tz text := (select timezone from rollup_state where id = 1);
  ids bigint[];
  marketing bigint[];
  before bigint[];
  after bigint[];
  moved bigint[];
begin
  if tz is null then
    return null;
  end if;
  if tg_op = 'INSERT' then
    ids := array(select distinct n.lead_id from new_rows n);
    marketing := array(select distinct n.lead_id from new_rows n where n.actor = 'marketing');
  elsif tg_op = 'DELETE' then
    ids := array(select distinct o.lead_id from old_rows o);
    marketing := array(select distinct o.lead_id from old_rows o where o.actor = 'marketing');
  else
    ids := array(select n.lead_id from new_rows n union select o.lead_id from old_rows o);
    marketing := array(select n.lead_id from new_rows n where n.actor = 'marketing'
                       union select o.lead_id from old_rows o where o.actor = 'marketing');
  end if;
  if cardinality(ids) = 0 then
    return null;
  end if;
  -- Wait for concurrent writers of these leads, so what follows reads them as committed (a lead being
  -- deleted is gone by now: its facts are the leads trigger's). Then keep the leads touches matter to.
  perform 1 from leads l where l.id = any(ids) order by l.id for no key update;
  ids := array(select l.id from leads l where l.id = any(ids)
               and (l.sales_ready_at is not null or (l.id = any(marketing)
                    and coalesce(l.opportunity_at, l.won_at, l.lost_at) is not null)));
  if cardinality(ids) = 0 then
    return null;
  end if;
  before := array(select f.lead_id from rollup_lead_facts f where f.lead_id = any(ids) and f.influenced);
  perform rollup_refresh_lead_facts(ids);
  after := array(select f.lead_id from rollup_lead_facts f where f.lead_id = any(ids) and f.influenced);
  moved := array((select unnest(before) except select unnest(after))
                 union (select unnest(after) except select unnest(before)));
  if cardinality(moved) > 0 then
    execute rollup_stage_days_sql('select s.sign, l.*,
        case when s.sign < 0 then l.id = any($2) else l.id = any($3) end as influenced
      from leads l cross join (values (-1), (1)) as s(sign) where l.id = any($4)')
      using tz, before, after, moved;
  end if;
  return null;
end
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rollups_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
declare
  tz text := (select timezone from settings where id = 1);
begin
  lock table leads, touches in share mode;
  insert into rollup_state (id, timezone, rebuilt_at) values (1, tz, now())
    on conflict (id) do update set timezone = excluded.timezone, rebuilt_at = excluded.rebuilt_at;
  truncate rollup_lead_days, rollup_stage_days, rollup_lead_facts, rollup_attribution;
  execute format('insert into rollup_attribution (lead_id, credited_source_id, won_at, source_id, first_touch,
      last_touch, linear) %s', rollup_attribution_sql('true'));
  execute format('insert into rollup_lead_facts (lead_id, created_at, source_id, sales_ready_at, touches,
      days_to_sales_ready, days_to_won, lead_days, mql_days, sales_ready_days, accepted_days, opportunity_days,
      influenced, handoff_at, first_sales_at, last_activity_at, with_sales) %s', rollup_lead_facts_sql('leads l'));
  execute rollup_lead_days_sql('select 1 as sign, l.* from leads l') using tz;
  execute rollup_stage_days_sql('select 1 as sign, l.*, coalesce(f.influenced, false) as influenced
    from leads l left join rollup_lead_facts f on f.lead_id = l.id') using tz;
end
$$;
--> statement-breakpoint

ALTER FUNCTION rollups_on_leads() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION rollups_on_touches() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION rollup_refresh_lead_facts(bigint[]) SET jit = off;
--> statement-breakpoint

-- Fill the new columns for the leads already stored.
SELECT rollups_rebuild();
