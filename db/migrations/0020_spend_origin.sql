ALTER TABLE "spend" ADD COLUMN "origin" text DEFAULT 'demo' NOT NULL;
-- Spend now also comes from files, the settings grid and the ingestion API. Rows written before this
-- column came from the demo seed, which the default records.
