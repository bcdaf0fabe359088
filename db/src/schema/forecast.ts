import { sql } from 'drizzle-orm';
import { check, doublePrecision, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

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
