-- data_versions: the counters, one per table the figures read, that every statement changing that table
-- adds one to, which the figure cache keys its answers by. Defined in 0012_figure_cache, last changed in
-- 0029_sales_cost (docs/decisions/0026).
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The figure cache (docs/decisions/0011). Every statement changing a row of a table the figures read
-- adds one to that table's version, in the writing transaction: a reader sees the new version exactly
-- when it sees the new rows, so an answer stored under the versions of the tables it read is the answer
-- of every snapshot showing them. A statement changing nothing (an unchanged re-import) leaves them alone.
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if tg_op = 'TRUNCATE' then
    update data_versions set version = version + 1 where scope = tg_table_name;
  elsif exists (select 1 from changed_rows) then
    update data_versions set version = version + 1 where scope = tg_table_name;
  end if;
  return null;
end
$$;
--> statement-breakpoint
DO $$
declare
  t text;
begin
  foreach t in array array['leads', 'touches', 'sources', 'spend', 'sales_cost', 'targets', 'settings', 'pipeline_snapshot_weeks'] loop
    execute format('CREATE OR REPLACE TRIGGER data_version_insert AFTER INSERT ON %I
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
    execute format('CREATE OR REPLACE TRIGGER data_version_update AFTER UPDATE ON %I
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
    execute format('CREATE OR REPLACE TRIGGER data_version_delete AFTER DELETE ON %I
      REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
    execute format('CREATE OR REPLACE TRIGGER data_version_truncate AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
  end loop;
end
$$;
