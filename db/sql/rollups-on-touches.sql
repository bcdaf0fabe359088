-- The statement triggers folding every write on touches into the rollups: the facts of the leads
-- touches matter to, and the stage rows of the deals whose marketing influence changed.
-- Defined in 0003_rollup_triggers, last changed in 0011_handoff_facts. Truncation: rollups-rebuild.sql.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- Folds a statement on touches into the rollups: the facts of the leads whose touches changed and that
-- touches matter to (an SRL: its follow-up and last activity, either side; a lead sales-ready after its
-- creation or with a deal: its marketing touches and influence), and the influenced counts of the deals
-- whose influence did.
-- Runs with JIT off: its statements are small, and compiling them to machine code (PostgreSQL's JIT,
-- above a cost its row estimates for transition tables easily reach) takes longer than running them.
CREATE OR REPLACE FUNCTION rollups_on_touches() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
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
CREATE OR REPLACE TRIGGER rollups_touches_insert AFTER INSERT ON touches
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_touches();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_touches_update AFTER UPDATE ON touches
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_touches();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_touches_delete AFTER DELETE ON touches
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_touches();
