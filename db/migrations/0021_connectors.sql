CREATE TABLE "connectors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "connectors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"secret" text,
	"state" jsonb,
	"status" text DEFAULT 'idle' NOT NULL,
	"message" text,
	"last_run" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "connectors_kind_known" CHECK ("kind" in ('hubspot')),
	CONSTRAINT "connectors_status_known" CHECK ("status" in ('idle', 'syncing', 'failed', 'revoked'))
);--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_live_kind_idx" ON "connectors" USING btree ("kind") WHERE revoked_at is null;
