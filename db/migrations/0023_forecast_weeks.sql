CREATE TABLE "forecast_weeks" (
	"quarter" text NOT NULL,
	"week" smallint NOT NULL,
	"as_of" date NOT NULL,
	"starting_pipeline" double precision NOT NULL,
	"revenue_target" double precision,
	"coverage" double precision,
	"coverage_needed" double precision,
	"required_pipeline" double precision,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_weeks_quarter_week_pk" PRIMARY KEY("quarter","week"),
	CONSTRAINT "forecast_weeks_week" CHECK ("forecast_weeks"."week" between 1 and 13)
);
