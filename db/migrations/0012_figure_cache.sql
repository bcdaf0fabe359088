CREATE TABLE "data_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_single_row" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "figure_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"body" text NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint

-- The figure cache (docs/decisions/0011). Every statement changing a row of a table the figures read
-- adds one to the data version, in the writing transaction: a reader sees the new version exactly when
-- it sees the new rows, so an answer stored under a version is the answer of every snapshot showing it.
-- A statement changing nothing (an unchanged re-import) leaves the version, and the cached answers, alone.
INSERT INTO "data_version" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION data_version_bump() RETURNS trigger
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
  foreach t in array array['leads', 'touches', 'sources', 'spend', 'targets', 'settings'] loop
    execute format('CREATE TRIGGER data_version_insert AFTER INSERT ON %I
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
    execute format('CREATE TRIGGER data_version_update AFTER UPDATE ON %I
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
    execute format('CREATE TRIGGER data_version_delete AFTER DELETE ON %I
      REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
    execute format('CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t);
  end loop;
end
$$;
