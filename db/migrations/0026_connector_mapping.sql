-- How a connector's records become leads (the source field, which CRM stages count as MQL, sales-ready,
-- opportunity), as an admin set it; null means the defaults for the connector's kind.
ALTER TABLE "connectors" ADD COLUMN "mapping" jsonb;
