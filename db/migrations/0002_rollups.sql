CREATE TABLE "rollup_attribution" (
	"lead_id" bigint NOT NULL,
	"credited_source_id" integer,
	"won_at" timestamp with time zone NOT NULL,
	"source_id" integer,
	"first_touch" numeric NOT NULL,
	"last_touch" numeric NOT NULL,
	"linear" numeric NOT NULL,
	CONSTRAINT "rollup_attribution_key" UNIQUE NULLS NOT DISTINCT("lead_id","credited_source_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_lead_days" (
	"day" date NOT NULL,
	"source_id" integer,
	"leads" integer DEFAULT 0 NOT NULL,
	"mql" integer DEFAULT 0 NOT NULL,
	"sales_ready" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"opportunity" integer DEFAULT 0 NOT NULL,
	"won" integer DEFAULT 0 NOT NULL,
	"lost" integer DEFAULT 0 NOT NULL,
	"disqualified" integer DEFAULT 0 NOT NULL,
	"revenue" numeric DEFAULT '0' NOT NULL,
	"bant_score" bigint DEFAULT 0 NOT NULL,
	"mql_sales_ready" integer DEFAULT 0 NOT NULL,
	"sales_ready_accepted" integer DEFAULT 0 NOT NULL,
	"accepted_opportunity" integer DEFAULT 0 NOT NULL,
	"sales_ready_opportunity" integer DEFAULT 0 NOT NULL,
	"opportunity_won" integer DEFAULT 0 NOT NULL,
	"opportunity_lost" integer DEFAULT 0 NOT NULL,
	"skipped_mql" integer DEFAULT 0 NOT NULL,
	"skipped_sales_ready" integer DEFAULT 0 NOT NULL,
	"skipped_accepted" integer DEFAULT 0 NOT NULL,
	"skipped_opportunity" integer DEFAULT 0 NOT NULL,
	"skipped_any" integer DEFAULT 0 NOT NULL,
	"out_of_order" integer DEFAULT 0 NOT NULL,
	"sales_ready_30d" integer DEFAULT 0 NOT NULL,
	"sales_ready_60d" integer DEFAULT 0 NOT NULL,
	"sales_ready_90d" integer DEFAULT 0 NOT NULL,
	"sales_ready_180d" integer DEFAULT 0 NOT NULL,
	"won_30d" integer DEFAULT 0 NOT NULL,
	"won_60d" integer DEFAULT 0 NOT NULL,
	"won_90d" integer DEFAULT 0 NOT NULL,
	"won_180d" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_lead_days_key" UNIQUE NULLS NOT DISTINCT("day","source_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_lead_facts" (
	"lead_id" bigint PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"source_id" integer,
	"sales_ready_at" timestamp with time zone,
	"touches" integer,
	"days_to_sales_ready" double precision,
	"days_to_won" double precision,
	"lead_days" double precision,
	"mql_days" double precision,
	"sales_ready_days" double precision,
	"accepted_days" double precision,
	"opportunity_days" double precision,
	"influenced" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_stage_days" (
	"stage" text NOT NULL,
	"day" date NOT NULL,
	"source_id" integer,
	"leads" integer DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"orderly" integer DEFAULT 0 NOT NULL,
	"then_sales_ready" integer DEFAULT 0 NOT NULL,
	"then_accepted" integer DEFAULT 0 NOT NULL,
	"then_opportunity" integer DEFAULT 0 NOT NULL,
	"then_won" integer DEFAULT 0 NOT NULL,
	"then_lost" integer DEFAULT 0 NOT NULL,
	"influenced" integer DEFAULT 0 NOT NULL,
	"influenced_amount" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "rollup_stage_days_key" UNIQUE NULLS NOT DISTINCT("stage","day","source_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"timezone" text NOT NULL,
	"rebuilt_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_state_single_row" CHECK ("rollup_state"."id" = 1)
);
--> statement-breakpoint
DROP INDEX "touches_lead_time_idx";--> statement-breakpoint
DROP INDEX "leads_sales_ready_idx";--> statement-breakpoint
DROP INDEX "leads_opportunity_idx";--> statement-breakpoint
DROP INDEX "leads_won_idx";--> statement-breakpoint
CREATE INDEX "rollup_attribution_won_idx" ON "rollup_attribution" USING btree ("won_at");--> statement-breakpoint
CREATE INDEX "rollup_lead_facts_created_idx" ON "rollup_lead_facts" USING btree ("created_at","source_id","lead_days","mql_days","sales_ready_days","accepted_days","opportunity_days","days_to_sales_ready","days_to_won");--> statement-breakpoint
CREATE INDEX "rollup_lead_facts_sales_ready_idx" ON "rollup_lead_facts" USING btree ("sales_ready_at","source_id","touches","days_to_sales_ready") WHERE "rollup_lead_facts"."sales_ready_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_created_stages_idx" ON "leads" USING btree ("created_at","source_id","mql_at","sales_ready_at","accepted_at","opportunity_at","won_at","lost_at") WHERE coalesce("leads"."mql_at", "leads"."sales_ready_at", "leads"."accepted_at", "leads"."opportunity_at", "leads"."won_at", "leads"."lost_at") is not null;--> statement-breakpoint
CREATE INDEX "leads_mql_idx" ON "leads" USING btree ("mql_at","source_id","sales_ready_at","accepted_at","opportunity_at","won_at","lost_at") WHERE "leads"."mql_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_accepted_idx" ON "leads" USING btree ("accepted_at","source_id","opportunity_at","won_at","lost_at") WHERE "leads"."accepted_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_lost_idx" ON "leads" USING btree ("lost_at","won_at","source_id") WHERE "leads"."lost_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_disqualified_idx" ON "leads" USING btree ("disqualified_at") WHERE "leads"."disqualified_at" is not null;--> statement-breakpoint
CREATE INDEX "touches_lead_actor_time_idx" ON "touches" USING btree ("lead_id","actor","occurred_at");--> statement-breakpoint
CREATE INDEX "leads_sales_ready_idx" ON "leads" USING btree ("sales_ready_at","created_at","source_id","accepted_at","opportunity_at","won_at","lost_at") WHERE "leads"."sales_ready_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_opportunity_idx" ON "leads" USING btree ("opportunity_at","source_id","amount","won_at","lost_at","disqualified_at","id") WHERE "leads"."opportunity_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_won_idx" ON "leads" USING btree ("won_at","created_at","source_id","amount","sales_ready_at","id") WHERE "leads"."won_at" is not null;