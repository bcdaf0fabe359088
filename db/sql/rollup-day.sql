-- rollup_day(at, tz): the local day of an instant, which every rollup (0002, 0009) is cut by.
-- Defined in 0003_rollup_triggers.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The local day an instant falls in, as the figures' ranges count it: the day d with
-- d::timestamp at time zone tz <= at < (d + 1)::timestamp at time zone tz. A range of days then holds
-- exactly the instants of the raw range conditions, on daylight-saving days too.
CREATE OR REPLACE FUNCTION rollup_day(at timestamptz, tz text) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  select (at at time zone tz)::date
    - (at < ((at at time zone tz)::date::timestamp at time zone tz))::int
    + (at >= (((at at time zone tz)::date + 1)::timestamp at time zone tz))::int
$$;
