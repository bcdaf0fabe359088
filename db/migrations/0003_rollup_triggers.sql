-- Rollups kept fresh on write (tables in 0002_rollups.sql; docs/metrics.md, "Rollups"). Statement-level
-- triggers with transition tables fold each statement's rows into the rollups, so every writer (imports,
-- the ingestion API, the demo seed, tests) keeps them fresh without knowing about them, and a batch of
-- 5,000 leads costs a few grouped statements, not 5,000 row triggers.

-- The local day an instant falls in, as the figures' ranges count it: the day d with
-- d::timestamp at time zone tz <= at < (d + 1)::timestamp at time zone tz. A range of days then holds
-- exactly the instants of the raw range conditions, on daylight-saving days too.
CREATE FUNCTION rollup_day(at timestamptz, tz text) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  select (at at time zone tz)::date
    - (at < ((at at time zone tz)::date::timestamp at time zone tz))::int
    + (at >= (((at at time zone tz)::date + 1)::timestamp at time zone tz))::int
$$;
--> statement-breakpoint

-- The statement adding to rollup_lead_days the leads a query yields (a column `sign`, then the columns
-- of leads): sign 1 adds a lead, -1 takes it away; the time zone is $1. Text, because a trigger's
-- transition tables are visible to its own function only: the triggers and rollups_rebuild() run the
-- same statement. Each count is a figure's condition in db/src/queries, evaluated once per lead.
CREATE FUNCTION rollup_lead_days_sql(delta text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    insert into rollup_lead_days as r (day, source_id, leads, mql, sales_ready, accepted, opportunity, won,
      lost, disqualified, revenue, bant_score, mql_sales_ready, sales_ready_accepted, accepted_opportunity,
      sales_ready_opportunity, opportunity_won, opportunity_lost, skipped_mql, skipped_sales_ready,
      skipped_accepted, skipped_opportunity, skipped_any, out_of_order, sales_ready_30d, sales_ready_60d,
      sales_ready_90d, sales_ready_180d, won_30d, won_60d, won_90d, won_180d)
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
    -- One order for every writer: concurrent batches lock the rows they share in the same order.
    order by 1, 2
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

-- The same for rollup_stage_days, one row per stage a lead reached on that stage's day. The query's
-- rows carry a column `influenced` besides those of leads (rollup_lead_facts.influenced).
CREATE FUNCTION rollup_stage_days_sql(delta text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    insert into rollup_stage_days as r (stage, day, source_id, leads, amount, orderly, then_sales_ready,
      then_accepted, then_opportunity, then_won, then_lost, influenced, influenced_amount)
    select s.stage, rollup_day(s.at, $1), d.source_id,
      sum(d.sign),
      coalesce(sum(d.sign * d.amount), 0),
      sum(case when s.at >= d.created_at then d.sign else 0 end),
      sum(case when d.sales_ready_at is not null then d.sign else 0 end),
      sum(case when d.accepted_at is not null then d.sign else 0 end),
      sum(case when d.opportunity_at is not null then d.sign else 0 end),
      sum(case when d.won_at is not null then d.sign else 0 end),
      sum(case when d.lost_at is not null then d.sign else 0 end),
      sum(case when d.influenced then d.sign else 0 end),
      coalesce(sum(case when d.influenced then d.sign * d.amount end), 0)
    from (%s) d
    cross join lateral (values
      ('mql', d.mql_at), ('sales_ready', d.sales_ready_at), ('accepted', d.accepted_at),
      ('opportunity', d.opportunity_at), ('won', d.won_at), ('lost', d.lost_at),
      ('disqualified', d.disqualified_at),
      -- Closed (won, lost or disqualified), on the later of its opportunity and close times.
      ('opportunity_closed', case when d.opportunity_at is not null
        and coalesce(d.won_at, d.lost_at, d.disqualified_at) is not null
        then greatest(d.opportunity_at, least(d.won_at, d.lost_at, d.disqualified_at)) end)
    ) as s(stage, at)
    where s.at is not null
    group by 1, 2, 3
    order by 1, 2, 3
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

-- A query yielding the rollup_lead_facts row of each lead of `leads` (rows of leads aliased l, e.g.
-- 'leads l where l.id = any($1)') that has something to keep. The durations are the figures' own
-- expressions (docs/metrics.md), cast to float8 as percentile_cont casts them, so a median of them is
-- the figure's.
CREATE FUNCTION rollup_lead_facts_sql(leads text) RETURNS text
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
            and t.occurred_at < coalesce(l.opportunity_at, least(l.won_at, l.lost_at)))
      from %s
      offset 0 -- computed once per lead, not again for the filter below
    ) f (lead_id, created_at, source_id, sales_ready_at, touches, days_to_sales_ready, days_to_won, lead_days,
         mql_days, sales_ready_days, accepted_days, opportunity_days, influenced)
    where f.influenced or num_nonnulls(f.days_to_sales_ready, f.days_to_won, f.lead_days, f.mql_days,
                                       f.sales_ready_days, f.accepted_days, f.opportunity_days) > 0
  $q$, leads)
$f$;
--> statement-breakpoint

-- A query yielding the rollup_attribution rows of the won leads matching `leads_where` (on leads l; $1
-- is free for it): the credit of each model per source, computed as revenue-attribution.ts does.
CREATE FUNCTION rollup_attribution_sql(leads_where text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    with won as (
      select l.id, coalesce(l.amount, 0)::numeric as amount, l.source_id,
             coalesce(l.sales_ready_at, l.won_at) as last_touch_until, l.won_at
      from leads l where l.won_at is not null and (%s)
    ),
    mt as (
      select w.id as lead_id, w.amount, coalesce(ts.id, w.source_id) as source_id,
             t.occurred_at <= w.last_touch_until as before_sr,
             row_number() over (partition by w.id order by t.occurred_at, t.id) as first_rank,
             count(*) over (partition by w.id) as touches
      from won w
      join touches t on t.lead_id = w.id and t.actor = 'marketing' and t.occurred_at <= w.won_at
      left join sources ts on ts.key = lower(btrim(t.channel, ' ' || chr(9) || chr(10) || chr(13)))
    ),
    last_mt as (
      select distinct on (lead_id) lead_id, source_id from mt where before_sr order by lead_id, first_rank desc
    ),
    credit as (
      select lead_id, 'first' as model, source_id, amount as credit from mt where first_rank = 1
      union all
      select lead_id, 'linear', source_id, amount / touches from mt
      union all
      select w.id, 'last', last_mt.source_id, w.amount from won w join last_mt on last_mt.lead_id = w.id
      union all
      select w.id, m.model, w.source_id, w.amount
      from won w cross join (values ('first'), ('linear')) as m(model)
      where not exists (select 1 from mt where mt.lead_id = w.id)
      union all
      select w.id, 'last', w.source_id, w.amount from won w
      where not exists (select 1 from last_mt where last_mt.lead_id = w.id)
    )
    select c.lead_id, c.source_id, w.won_at, w.source_id,
           coalesce(sum(c.credit) filter (where c.model = 'first'), 0),
           coalesce(sum(c.credit) filter (where c.model = 'last'), 0),
           coalesce(sum(c.credit) filter (where c.model = 'linear'), 0)
    from credit c join won w on w.id = c.lead_id
    group by c.lead_id, c.source_id, w.won_at, w.source_id
  $q$, leads_where)
$f$;
--> statement-breakpoint

-- Recomputes the attribution of the given leads (only won leads have one).
CREATE FUNCTION rollup_refresh_attribution(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
begin
  delete from rollup_attribution r where r.lead_id = any(ids);
  execute format('insert into rollup_attribution (lead_id, credited_source_id, won_at, source_id, first_touch,
    last_touch, linear) %s', rollup_attribution_sql('l.id = any($1)')) using ids;
end
$$;
--> statement-breakpoint

-- Recomputes the facts and the attribution of the given leads (a lead gone, or left with nothing to
-- keep, leaves the tables).
CREATE FUNCTION rollup_refresh_lead_facts(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
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
  perform rollup_refresh_attribution(ids);
end
$$;
--> statement-breakpoint

-- Folds a statement on leads into the rollups. Its stage rows take their `influenced` from the facts,
-- so an update takes the old rows away before the facts are refreshed and adds the new ones after.
CREATE FUNCTION rollups_on_leads() RETURNS trigger
LANGUAGE plpgsql AS $$
declare
  tz text := (select timezone from rollup_state where id = 1);
  -- The columns the rollups read: an update changing none of them changes no rollup.
  changed constant text := '(o.created_at, o.source_id, o.mql_at, o.sales_ready_at, o.accepted_at,
    o.opportunity_at, o.won_at, o.lost_at, o.disqualified_at, o.amount, o.bant_score)
    is distinct from (n.created_at, n.source_id, n.mql_at, n.sales_ready_at, n.accepted_at,
    n.opportunity_at, n.won_at, n.lost_at, n.disqualified_at, n.amount, n.bant_score)';
  with_facts constant text := ', coalesce(f.influenced, false) as influenced';
  old_changed text := format('select -1 as sign, o.*%s from old_rows o join new_rows n on n.id = o.id
    left join rollup_lead_facts f on f.lead_id = o.id where %s', with_facts, changed);
  new_changed text := format('select 1 as sign, n.*%s from new_rows n join old_rows o on o.id = n.id
    left join rollup_lead_facts f on f.lead_id = n.id where %s', with_facts, changed);
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
    perform rollup_refresh_attribution(array(select n.id from new_rows n where n.won_at is not null));
    execute rollup_lead_days_sql('select 1 as sign, n.* from new_rows n') using tz;
    execute rollup_stage_days_sql(format('select 1 as sign, n.*%s from new_rows n
      left join rollup_lead_facts f on f.lead_id = n.id', with_facts)) using tz;
  elsif tg_op = 'DELETE' then
    execute rollup_lead_days_sql('select -1 as sign, o.* from old_rows o') using tz;
    execute rollup_stage_days_sql(format('select -1 as sign, o.*%s from old_rows o
      left join rollup_lead_facts f on f.lead_id = o.id', with_facts)) using tz;
    delete from rollup_lead_facts r using old_rows o where r.lead_id = o.id;
    delete from rollup_attribution r using old_rows o where r.lead_id = o.id;
  else
    execute rollup_lead_days_sql(format('%s union all %s', old_changed, new_changed)) using tz;
    execute rollup_stage_days_sql(old_changed) using tz;
    perform rollup_refresh_lead_facts(array(
      select n.id from new_rows n join old_rows o on o.id = n.id where
        (o.created_at, o.source_id, o.mql_at, o.sales_ready_at, o.accepted_at, o.opportunity_at, o.won_at,
         o.lost_at, o.disqualified_at, o.amount, o.bant_score)
        is distinct from (n.created_at, n.source_id, n.mql_at, n.sales_ready_at, n.accepted_at,
         n.opportunity_at, n.won_at, n.lost_at, n.disqualified_at, n.amount, n.bant_score)));
    execute rollup_stage_days_sql(new_changed) using tz;
  end if;
  return null;
end
$$;
--> statement-breakpoint

-- Folds a statement on touches into the rollups: the touch counts and the marketing influence of the
-- leads whose marketing touches changed, and the influenced counts of the deals whose influence did.
CREATE FUNCTION rollups_on_touches() RETURNS trigger
LANGUAGE plpgsql AS $$
declare
  tz text := (select timezone from rollup_state where id = 1);
  ids bigint[];
  before bigint[];
  after bigint[];
  moved bigint[];
begin
  if tz is null then
    return null;
  end if;
  if tg_op = 'INSERT' then
    ids := array(select distinct n.lead_id from new_rows n where n.actor = 'marketing');
  elsif tg_op = 'DELETE' then
    ids := array(select distinct o.lead_id from old_rows o where o.actor = 'marketing');
  else
    ids := array(select n.lead_id from new_rows n where n.actor = 'marketing'
                 union select o.lead_id from old_rows o where o.actor = 'marketing');
  end if;
  if cardinality(ids) = 0 then
    return null;
  end if;
  -- Wait for concurrent writers of these leads, so what follows reads them as committed (a lead being
  -- deleted is gone by now: its facts are the leads trigger's). Then keep the leads touches matter to.
  perform 1 from leads l where l.id = any(ids) order by l.id for no key update;
  ids := array(select l.id from leads l where l.id = any(ids)
               and (l.sales_ready_at >= l.created_at or coalesce(l.opportunity_at, l.won_at, l.lost_at) is not null));
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

-- Rebuilds every rollup from the raw tables, in the time zone of the settings: rebuildRollups() in
-- db/src/rollups/rollups.ts, to call after changing settings.timezone (until then the figures read the
-- raw tables). Writers wait meanwhile.
CREATE FUNCTION rollups_rebuild() RETURNS void
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
      influenced) %s', rollup_lead_facts_sql('leads l'));
  execute rollup_lead_days_sql('select 1 as sign, l.* from leads l') using tz;
  execute rollup_stage_days_sql('select 1 as sign, l.*, coalesce(f.influenced, false) as influenced
    from leads l left join rollup_lead_facts f on f.lead_id = l.id') using tz;
end
$$;
--> statement-breakpoint

-- Truncating leads (with touches, by cascade) empties the rollups; truncating touches alone rebuilds them.
CREATE FUNCTION rollups_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if tg_table_name = 'leads' then
    truncate rollup_lead_days, rollup_stage_days, rollup_lead_facts, rollup_attribution;
  else
    perform rollups_rebuild();
  end if;
  return null;
end
$$;
--> statement-breakpoint

-- A source's key decides which touches credit it (a touch's channel names a source by key): when keys
-- come, go or change, recount the attribution of the won deals with a marketing touch naming one.
CREATE FUNCTION rollups_on_sources() RETURNS trigger
LANGUAGE plpgsql AS $$
declare
  keys text[];
begin
  if (select timezone from rollup_state where id = 1) is null then
    return null;
  end if;
  if tg_op = 'INSERT' then
    keys := array(select n.key from new_rows n);
  elsif tg_op = 'DELETE' then
    keys := array(select o.key from old_rows o);
  else
    keys := array(select k from old_rows o join new_rows n on n.id = o.id, lateral (values (o.key), (n.key)) v(k)
                  where o.key is distinct from n.key);
  end if;
  if cardinality(keys) = 0 then
    return null;
  end if;
  perform rollup_refresh_attribution(array(
    select distinct l.id from leads l
    join touches t on t.lead_id = l.id and t.actor = 'marketing' and t.occurred_at <= l.won_at
    where l.won_at is not null
      and lower(btrim(t.channel, ' ' || chr(9) || chr(10) || chr(13))) = any(keys)));
  return null;
end
$$;
--> statement-breakpoint

CREATE TRIGGER rollups_leads_insert AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_leads();
--> statement-breakpoint
CREATE TRIGGER rollups_leads_update AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_leads();
--> statement-breakpoint
CREATE TRIGGER rollups_leads_delete AFTER DELETE ON leads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_leads();
--> statement-breakpoint
CREATE TRIGGER rollups_leads_truncate AFTER TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_truncate();
--> statement-breakpoint
CREATE TRIGGER rollups_touches_insert AFTER INSERT ON touches
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_touches();
--> statement-breakpoint
CREATE TRIGGER rollups_touches_update AFTER UPDATE ON touches
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_touches();
--> statement-breakpoint
CREATE TRIGGER rollups_touches_delete AFTER DELETE ON touches
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_touches();
--> statement-breakpoint
CREATE TRIGGER rollups_touches_truncate AFTER TRUNCATE ON touches
  FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_truncate();
--> statement-breakpoint

CREATE TRIGGER rollups_sources_insert AFTER INSERT ON sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_sources();
--> statement-breakpoint
CREATE TRIGGER rollups_sources_update AFTER UPDATE ON sources
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_sources();
--> statement-breakpoint
CREATE TRIGGER rollups_sources_delete AFTER DELETE ON sources
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_sources();
--> statement-breakpoint

-- Fill the rollups from the leads already stored.
SELECT rollups_rebuild();
