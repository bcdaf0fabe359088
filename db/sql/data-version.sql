-- data_version: the counter every statement changing what the figures read adds one to, which the
-- figure cache keys its answers by. Defined in 0012_figure_cache.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The figure cache (docs/decisions/0011). Every statement changing a row of a table the figures read
-- adds one to the data version, in the writing transaction: a reader sees the new version exactly when
-- it sees the new rows, so an answer stored under a version is the answer of every snapshot showing it.
-- A statement changing nothing (an unchanged re-import) leaves the version, and the cached answers, alone.
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if tg_op = 'TRUNCATE' then
    update data_version set version = version + 1 where id = 1;
  elsif exists (select 1 from changed_rows) then
    update data_version set version = version + 1 where id = 1;
  end if;
  return null;
end
$$;
--> statement-breakpoint
DO $$
declare
  t text;
begin
  foreach t in array array['leads', 'touches', 'sources', 'spend', 'targets', 'settings', 'pipeline_snapshot_weeks'] loop
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
