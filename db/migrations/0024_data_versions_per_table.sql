CREATE TABLE "data_versions" (
	"scope" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "data_versions" ("scope") VALUES ('leads'), ('touches'), ('sources'), ('spend'), ('targets'), ('settings'), ('pipeline_snapshot_weeks');
--> statement-breakpoint
TRUNCATE "figure_cache";
--> statement-breakpoint
ALTER TABLE "figure_cache" ALTER COLUMN "version" SET DATA TYPE text;
--> statement-breakpoint
ALTER TABLE "figure_cache" ADD COLUMN "scopes" text NOT NULL;
--> statement-breakpoint
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
DROP TABLE "data_version";
