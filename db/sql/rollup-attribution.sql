-- rollup_attribution: the first-, last- and linear-touch credit of each won lead per source, as
-- revenue-attribution.ts counts it. Defined in 0003_rollup_triggers (JIT off since 0007).
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- A query yielding the rollup_attribution rows of the won leads matching `leads_where` (on leads l; $1
-- is free for it): the credit of each model per source, computed as revenue-attribution.ts does.
CREATE OR REPLACE FUNCTION rollup_attribution_sql(leads_where text) RETURNS text
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
-- Runs with JIT off: its statements are small, and compiling them to machine code (PostgreSQL's JIT,
-- above a cost its row estimates for transition tables easily reach) takes longer than running them.
CREATE OR REPLACE FUNCTION rollup_refresh_attribution(ids bigint[]) RETURNS void
LANGUAGE plpgsql SET jit = off AS $$
begin
  delete from rollup_attribution r where r.lead_id = any(ids);
  execute format('insert into rollup_attribution (lead_id, credited_source_id, won_at, source_id, first_touch,
    last_touch, linear) %s', rollup_attribution_sql('l.id = any($1)')) using ids;
end
$$;
