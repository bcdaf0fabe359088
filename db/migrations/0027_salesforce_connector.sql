-- Salesforce joins HubSpot. `settings` holds what is not secret (login URL, client id, the OAuth flow,
-- the instance URL the token answered, a pending authorization's state hash); the client secret and
-- tokens stay sealed in `secret`. A web-server connector is `pending` until its authorization returns.
ALTER TABLE "connectors" ADD COLUMN "settings" jsonb;--> statement-breakpoint
ALTER TABLE "connectors" DROP CONSTRAINT "connectors_kind_known";--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_kind_known" CHECK ("kind" in ('hubspot', 'salesforce'));--> statement-breakpoint
ALTER TABLE "connectors" DROP CONSTRAINT "connectors_status_known";--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_status_known" CHECK ("status" in ('pending', 'idle', 'syncing', 'failed', 'revoked'));
