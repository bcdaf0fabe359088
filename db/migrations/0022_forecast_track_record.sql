CREATE TABLE "forecast_track_record" (
	"quarter" text NOT NULL,
	"week" smallint NOT NULL,
	"metric" text NOT NULL,
	"actual_to_date" double precision NOT NULL,
	"projection" double precision NOT NULL,
	"low" double precision NOT NULL,
	"high" double precision NOT NULL,
	"final" double precision NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_track_record_quarter_week_metric_pk" PRIMARY KEY("quarter","week","metric"),
	CONSTRAINT "forecast_track_record_week" CHECK ("forecast_track_record"."week" between 1 and 13),
	CONSTRAINT "forecast_track_record_metric" CHECK ("forecast_track_record"."metric" in ('leads', 'salesReady', 'pipeline', 'revenue'))
);
