-- Weekly pipeline snapshots: the state of every open lead and deal at the end of each week (the local
-- day named by week_end, in the company's time zone), so that what changed since any past week can be
-- told (the pipeline waterfall) and the forecast's own record measured. A week's rows are written once,
-- with its row in pipeline_snapshot_weeks, in one transaction; `rebuilt` marks a week reconstructed
-- afterwards from the stage timestamps (amounts and expected close dates as they stood when rebuilt).
ALTER TABLE "leads" ADD COLUMN "expected_close_on" date;--> statement-breakpoint
CREATE TABLE "pipeline_snapshot_weeks" (
	"week_end" date PRIMARY KEY NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rebuilt" boolean NOT NULL,
	"timezone" text NOT NULL,
	"open_leads" integer NOT NULL,
	"open_deals" integer NOT NULL,
	"open_amount" numeric(16, 2) NOT NULL
);--> statement-breakpoint
CREATE TABLE "pipeline_snapshots" (
	"week_end" date NOT NULL,
	"lead_id" bigint NOT NULL,
	"stage" smallint NOT NULL,
	"amount" numeric(14, 2),
	"expected_close_on" date,
	"owner" text,
	"source_id" integer,
	CONSTRAINT "pipeline_snapshots_week_end_lead_id_pk" PRIMARY KEY("week_end","lead_id"),
	CONSTRAINT "pipeline_snapshots_stage" CHECK ("pipeline_snapshots"."stage" between 0 and 4)
);--> statement-breakpoint
ALTER TABLE "pipeline_snapshots" ADD CONSTRAINT "pipeline_snapshots_week_end_fk" FOREIGN KEY ("week_end") REFERENCES "public"."pipeline_snapshot_weeks"("week_end") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_snapshots" ADD CONSTRAINT "pipeline_snapshots_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pipeline_snapshots_lead_idx" ON "pipeline_snapshots" USING btree ("lead_id");--> statement-breakpoint

-- A kept week changes what the waterfall's figures read: it adds one to the data version like the other
-- tables the figures read (db/sql/data-version.sql, whole).
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
