-- The statement triggers folding every write on leads into the rollups (lead days, stage days, facts,
-- attribution), so every writer keeps them fresh without knowing about them, and a batch of 5,000 leads
-- costs a few grouped statements, not 5,000 row triggers (docs/decisions/0006).
-- Defined in 0003_rollup_triggers, last changed in 0011_handoff_facts. Truncation: rollups-rebuild.sql.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- Folds a statement on leads into the rollups. Its stage rows take their `influenced` from the facts,
-- so an update takes the old rows away before the facts are refreshed and adds the new ones after.
-- Runs with JIT off: its statements are small, and compiling them to machine code (PostgreSQL's JIT,
-- above a cost its row estimates for transition tables easily reach) takes longer than running them.
CREATE OR REPLACE FUNCTION rollups_on_leads() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
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
CREATE OR REPLACE TRIGGER rollups_leads_insert AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_leads();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_leads_update AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_leads();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_leads_delete AFTER DELETE ON leads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_leads();
