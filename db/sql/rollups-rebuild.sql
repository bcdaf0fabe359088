-- Rebuilding the rollups of 0002 from the raw tables: on demand (rebuildRollups()), when the settings'
-- time zone or influence window changes, and when leads or touches are truncated.
-- rollups_rebuild: 0003_rollup_triggers, last changed in 0011_handoff_facts; rollups_on_truncate: 0003;
-- rollups_on_settings: 0006_rollups_on_timezone, last changed in 0013_influence_window (the window rebuilds too).
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- Rebuilds every rollup from the raw tables, in the time zone of the settings: rebuildRollups() in
-- db/src/rollups/rollups.ts, to call after changing settings.timezone (until then the figures read the
-- raw tables). Writers wait meanwhile.
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
-- Truncating leads (with touches, by cascade) empties the rollups; truncating touches alone rebuilds them.
CREATE OR REPLACE FUNCTION rollups_on_truncate() RETURNS trigger
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
CREATE OR REPLACE TRIGGER rollups_leads_truncate AFTER TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_truncate();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_touches_truncate AFTER TRUNCATE ON touches
  FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_truncate();
--> statement-breakpoint
-- The rollups cut days in the time zone of the settings: changing it rebuilds them, in the same
-- transaction, whoever changes it (the settings API, a script, psql). Seconds per million leads;
-- writers wait meanwhile. Until a rebuild the figures would read the raw tables (correct, slower).
CREATE OR REPLACE FUNCTION rollups_on_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if exists (select 1 from old_rows o join new_rows n on n.id = o.id
             where (o.timezone, o.influence_window_days) is distinct from (n.timezone, n.influence_window_days))
  then
    perform rollups_rebuild();
  end if;
  return null;
end
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_settings_update AFTER UPDATE ON settings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_settings();
