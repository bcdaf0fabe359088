-- The rollups cut days in the time zone of the settings: changing it rebuilds them, in the same
-- transaction, whoever changes it (the settings API, a script, psql). Seconds per million leads;
-- writers wait meanwhile. Until a rebuild the figures would read the raw tables (correct, slower).
CREATE FUNCTION rollups_on_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if exists (select 1 from old_rows o join new_rows n on n.id = o.id where o.timezone is distinct from n.timezone)
  then
    perform rollups_rebuild();
  end if;
  return null;
end
$$;
--> statement-breakpoint
CREATE TRIGGER rollups_settings_update AFTER UPDATE ON settings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_settings();
--> statement-breakpoint

-- Every write updates rows of these two in place: room on each page keeps those updates HOT (no new
-- index entries). The rebuild lays the tables out again with it.
ALTER TABLE rollup_lead_days SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE rollup_stage_days SET (fillfactor = 50);
--> statement-breakpoint
SELECT rollups_rebuild();
