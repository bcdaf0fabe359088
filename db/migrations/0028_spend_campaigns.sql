-- Spend keeps the campaign an ad platform's export names ('' for a month's total without one), so a
-- source's month may be split by campaign. A write for a source and month still sets that month's whole
-- spend: its rows are replaced together (db/src/spend/spend-store.ts).
ALTER TABLE "spend" ADD COLUMN "campaign" text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP INDEX "spend_source_month_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "spend_source_month_campaign_idx" ON "spend" USING btree ("source_id","month","campaign");
