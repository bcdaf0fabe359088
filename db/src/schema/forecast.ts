import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * The forecast's track record (docs/decisions/0025): for each past fiscal quarter and each week 1–13
 * of it, what the pacing projection said of each metric at that week's end (as the data tells it now,
 * rebuilt from the stage timestamps) and what the quarter finally came to. A job rewrites it weekly.
 */
export const forecastTrackRecord = pgTable(
  'forecast_track_record',
  {
    quarter: text('quarter').notNull(),
    week: smallint('week').notNull(),
    /** One of the pacing metrics: leads, salesReady, pipeline, revenue. */
    metric: text('metric').notNull(),
    actualToDate: doublePrecision('actual_to_date').notNull(),
    projection: doublePrecision('projection').notNull(),
    /** The model's own P10–P90 range at the time (before calibration). */
    low: doublePrecision('low').notNull(),
    high: doublePrecision('high').notNull(),
    final: doublePrecision('final').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.quarter, t.week, t.metric] }),
    check('forecast_track_record_week', sql`${t.week} between 1 and 13`),
    check('forecast_track_record_metric', sql`${t.metric} in ('leads', 'salesReady', 'pipeline', 'revenue')`),
  ],
);

/**
 * Next quarter's starting pipeline as the pacing projected it at the end of each week of a quarter so
 * far: the coverage trend on the Pacing page (docs/decisions/0025). The track-record job writes it.
 */
export const forecastWeeks = pgTable(
  'forecast_weeks',
  {
    quarter: text('quarter').notNull(),
    week: smallint('week').notNull(),
    /** The week's last day (local), as of whose end the projection was made. */
    asOf: date('as_of').notNull(),
    startingPipeline: doublePrecision('starting_pipeline').notNull(),
    revenueTarget: doublePrecision('revenue_target'),
    coverage: doublePrecision('coverage'),
    coverageNeeded: doublePrecision('coverage_needed'),
    requiredPipeline: doublePrecision('required_pipeline'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.quarter, t.week] }),
    check('forecast_weeks_week', sql`${t.week} between 1 and 13`),
  ],
);
