-- rollup_transition_entries and rollup_transition_lags, the pacing rollups (docs/pacing.md): kept on
-- write by statement triggers on leads, rebuilt when the settings' time zone changes.
-- Defined in 0009_pacing_transitions.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The pacing projection's survival curves (db/src/queries/pacing/funnel-curves.ts) read these two
-- instead of every lead of the last two years; kept fresh on write like the other rollups (0003, 0007).
-- The statement folding into both the leads a query yields (a column `sign`, then the columns of
-- leads); the time zone is $1. Each transition is the curves' own: entry, next stage, competing exit
-- and weight, and the whole days between them as the curves count them.
CREATE OR REPLACE FUNCTION rollup_transitions_sql(delta text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    with d as materialized (%s),
    t as materialized (
      select d.sign, d.source_id, d.amount, d.opportunity_at, v.transition, v.entry, v.weight,
        rollup_day(v.entry, $1) as day,
        case when v.event is not null then floor(greatest(extract(epoch from (v.event - v.entry)), 0) / 86400)::int end
          as ev_day,
        case when v.exit is not null and not coalesce(v.event <= v.exit, false)
          then floor(greatest(extract(epoch from (v.exit - v.entry)), 0) / 86400)::int end as ex_day
      from d cross join lateral (values
        ('salesReady', d.created_at, d.sales_ready_at, least(d.disqualified_at, d.lost_at, d.won_at), 1::numeric),
        ('opportunity', d.sales_ready_at, d.opportunity_at, least(d.disqualified_at, d.lost_at, d.won_at), 1::numeric),
        ('won', d.opportunity_at, d.won_at, least(d.lost_at, d.disqualified_at), coalesce(d.amount, 0)::numeric),
        ('closed', d.opportunity_at, least(d.won_at, d.lost_at, d.disqualified_at), null::timestamptz,
          coalesce(d.amount, 0)::numeric)
      ) v (transition, entry, event, exit, weight)
      where v.entry is not null
    ),
    lags as (
      insert into rollup_transition_lags as r (transition, month, source_id, kind, lag, leads, weight)
      select * from (
        select t.transition, date_trunc('month', t.day)::date, t.source_id,
          case when t.ev_day is not null then 'e' else 'x' end, coalesce(t.ev_day, t.ex_day),
          sum(t.sign)::int, sum(t.sign * t.weight)
        from t where coalesce(t.ev_day, t.ex_day) is not null
        group by 1, 2, 3, 4, 5
      ) g (transition, month, source_id, kind, lag, leads, weight)
      where (g.leads, g.weight) <> (0, 0)
      order by 1, 2, 3, 4, 5
      on conflict (transition, month, source_id, kind, lag) do update set
        leads = r.leads + excluded.leads, weight = r.weight + excluded.weight
    )
    insert into rollup_transition_entries as r (transition, day, source_id, entered, leads, weight, event_weight,
      weighted, weighted_sum, deals, deal_amount, open, open_weight, open_amount, open_missing)
    select * from (
      select t.transition, t.day, t.source_id,
        -- The stand-in entry time. Daylight saving moves local midnights by at most an hour, in half
        -- hours, so an entry more than an hour from midnight is as many whole days before every local
        -- midnight (and on the same side of it) as midday; nearer, as the middle of its half hour, or
        -- itself on the stroke of one.
        (t.day::timestamp at time zone $1) + make_interval(secs => case
          when s.s > 3600 and s.s < 82800 then 43200
          when s.s = floor(s.s / 1800) * 1800 then s.s
          else floor(s.s / 1800) * 1800 + 900 end),
        sum(t.sign)::int, sum(t.sign * t.weight),
        coalesce(sum(t.sign * t.weight) filter (where t.ev_day is not null), 0),
        coalesce(sum(t.sign) filter (where t.weight > 0), 0)::int,
        coalesce(sum(t.sign * t.weight) filter (where t.weight > 0), 0),
        coalesce(sum(t.sign) filter (where t.opportunity_at is not null and t.amount is not null), 0)::int,
        coalesce(sum(t.sign * t.amount) filter (where t.opportunity_at is not null and t.amount is not null), 0),
        coalesce(sum(t.sign) filter (where t.ev_day is null and t.ex_day is null), 0)::int,
        coalesce(sum(t.sign * t.weight) filter (where t.ev_day is null and t.ex_day is null), 0),
        coalesce(sum(t.sign * t.amount) filter (where t.ev_day is null and t.ex_day is null and t.amount is not null), 0),
        coalesce(sum(t.sign) filter (where t.ev_day is null and t.ex_day is null and t.amount is null), 0)::int
      from t
      cross join lateral (select extract(epoch from (t.entry - (t.day::timestamp at time zone $1))) as s) s
      group by 1, 2, 3, 4
    ) g (transition, day, source_id, entered, leads, weight, event_weight, weighted, weighted_sum, deals, deal_amount,
         open, open_weight, open_amount, open_missing)
    where (g.leads, g.weight, g.event_weight, g.weighted, g.weighted_sum, g.deals, g.deal_amount, g.open,
           g.open_weight, g.open_amount, g.open_missing) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by 1, 2, 3, 4
    on conflict (transition, day, source_id, entered) do update set
      leads = r.leads + excluded.leads, weight = r.weight + excluded.weight,
      event_weight = r.event_weight + excluded.event_weight,
      weighted = r.weighted + excluded.weighted, weighted_sum = r.weighted_sum + excluded.weighted_sum,
      deals = r.deals + excluded.deals, deal_amount = r.deal_amount + excluded.deal_amount,
      open = r.open + excluded.open, open_weight = r.open_weight + excluded.open_weight,
      open_amount = r.open_amount + excluded.open_amount, open_missing = r.open_missing + excluded.open_missing
  $q$, delta)
$f$;
--> statement-breakpoint
-- Folds a statement on leads into the transition rollups (an update: the leads whose stage times,
-- source or amount changed, old rows out and new rows in).
-- Runs with JIT off: its statements are small, and compiling them to machine code (PostgreSQL's JIT,
-- above a cost its row estimates for transition tables easily reach) takes longer than running them.
CREATE OR REPLACE FUNCTION rollup_transitions_on_leads() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
declare
  tz text := (select timezone from rollup_state where id = 1);
  pairs constant text := 'old_rows o join new_rows n on n.id = o.id';
  changed constant text := '(o.created_at, o.source_id, o.sales_ready_at, o.opportunity_at, o.won_at, o.lost_at,
    o.disqualified_at, o.amount) is distinct from (n.created_at, n.source_id, n.sales_ready_at, n.opportunity_at,
    n.won_at, n.lost_at, n.disqualified_at, n.amount)';
begin
  if tz is null then
    return null;
  end if;
  -- An upsert fires the update trigger too, with nothing in it when no row conflicted.
  if tg_op = 'DELETE' then
    if not exists (select 1 from old_rows) then
      return null;
    end if;
  elsif not exists (select 1 from new_rows) then
    return null;
  end if;
  if tg_op = 'INSERT' then
    execute rollup_transitions_sql('select 1 as sign, n.* from new_rows n') using tz;
  elsif tg_op = 'DELETE' then
    execute rollup_transitions_sql('select -1 as sign, o.* from old_rows o') using tz;
  else
    execute rollup_transitions_sql(format('select -1 as sign, o.* from %1$s where %2$s
      union all select 1 as sign, n.* from %1$s where %2$s', pairs, changed)) using tz;
  end if;
  return null;
end
$$;
--> statement-breakpoint
-- Rebuilds the transition rollups from the leads, in the time zone of the settings (rebuildRollups()).
CREATE OR REPLACE FUNCTION rollup_transitions_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
begin
  lock table leads in share mode;
  truncate rollup_transition_lags, rollup_transition_entries;
  execute rollup_transitions_sql('select 1 as sign, l.* from leads l')
    using (select timezone from settings where id = 1);
end
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_transitions_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  truncate rollup_transition_lags, rollup_transition_entries;
  return null;
end
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_transitions_leads_truncate AFTER TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_transitions_on_truncate();
--> statement-breakpoint
-- Days are cut in the settings' time zone: changing it rebuilds these too, in the same transaction.
CREATE OR REPLACE FUNCTION rollup_transitions_on_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if exists (select 1 from old_rows o join new_rows n on n.id = o.id where o.timezone is distinct from n.timezone)
  then
    perform rollup_transitions_rebuild();
  end if;
  return null;
end
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_transitions_leads_insert AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_transitions_on_leads();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_transitions_leads_update AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_transitions_on_leads();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_transitions_leads_delete AFTER DELETE ON leads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_transitions_on_leads();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_transitions_settings_update AFTER UPDATE ON settings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_transitions_on_settings();
