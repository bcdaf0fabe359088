ALTER TABLE "settings" ADD COLUMN "influence_window_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_influence_window" CHECK ("settings"."influence_window_days" between 1 and 730);--> statement-breakpoint

-- Marketing-influenced now asks for a marketing touch within the settings' window before the opportunity
-- (default 90 days), not at any time before it: on the demo data every deal had some touch at some time.
-- The facts keep each deal's influence under the current window; changing the window rebuilds the
-- rollups in the same transaction, as changing the time zone does.

CREATE OR REPLACE FUNCTION rollup_lead_facts_sql(leads text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
    select f.* from (
      select l.id, l.created_at, l.source_id,
        case when l.sales_ready_at >= l.created_at then l.sales_ready_at end,
        case when l.sales_ready_at >= l.created_at then (select count(*) from touches t
          where t.lead_id = l.id and t.actor = 'marketing'
            and t.occurred_at >= l.created_at and t.occurred_at <= l.sales_ready_at) end,
        case when l.sales_ready_at >= l.created_at
          then (extract(epoch from (l.sales_ready_at - l.created_at)) / 86400.0)::float8 end,
        case when l.won_at >= l.created_at
          then (extract(epoch from (l.won_at - l.created_at)) / 86400.0)::float8 end,
        case when least(l.mql_at, l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at, l.lost_at)
            >= l.created_at
          then (extract(epoch from (least(l.mql_at, l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at,
            l.lost_at) - l.created_at)) / 86400.0)::float8 end,
        case when least(l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at, l.lost_at) >= l.mql_at
          then (extract(epoch from (least(l.sales_ready_at, l.accepted_at, l.opportunity_at, l.won_at,
            l.lost_at) - l.mql_at)) / 86400.0)::float8 end,
        case when least(l.accepted_at, l.opportunity_at, l.won_at, l.lost_at) >= l.sales_ready_at
          then (extract(epoch from (least(l.accepted_at, l.opportunity_at, l.won_at, l.lost_at)
            - l.sales_ready_at)) / 86400.0)::float8 end,
        case when least(l.opportunity_at, l.won_at, l.lost_at) >= l.accepted_at
          then (extract(epoch from (least(l.opportunity_at, l.won_at, l.lost_at) - l.accepted_at))
            / 86400.0)::float8 end,
        case when least(l.won_at, l.lost_at) >= l.opportunity_at
          then (extract(epoch from (least(l.won_at, l.lost_at) - l.opportunity_at)) / 86400.0)::float8 end,
        coalesce(l.opportunity_at, least(l.won_at, l.lost_at)) is not null and exists (select 1 from touches t
          where t.lead_id = l.id and t.actor = 'marketing'
            and t.occurred_at < coalesce(l.opportunity_at, least(l.won_at, l.lost_at))
            and t.occurred_at >= coalesce(l.opportunity_at, least(l.won_at, l.lost_at))
              - make_interval(days => (select s.influence_window_days from settings s where s.id = 1))),
        l.sales_ready_at,
        case when l.sales_ready_at is not null then (select min(t.occurred_at) from touches t
          where t.lead_id = l.id and t.actor = 'sales' and t.occurred_at >= l.sales_ready_at) end,
        case when l.sales_ready_at is not null then greatest(l.sales_ready_at, l.accepted_at, l.opportunity_at,
          (select max(t.occurred_at) from touches t where t.lead_id = l.id)) end,
        l.sales_ready_at is not null and l.status = 'open' and l.won_at is null and l.lost_at is null
          and l.disqualified_at is null
      from %s
      offset 0 -- computed once per lead, not again for the filter below
    ) f (lead_id, created_at, source_id, sales_ready_at, touches, days_to_sales_ready, days_to_won, lead_days,
         mql_days, sales_ready_days, accepted_days, opportunity_days, influenced, handoff_at, first_sales_at,
         last_activity_at, with_sales)
    where f.influenced or f.handoff_at is not null
      or num_nonnulls(f.days_to_sales_ready, f.days_to_won, f.lead_days, f.mql_days, f.sales_ready_days,
                      f.accepted_days, f.opportunity_days) > 0
  $q$, leads)
$f$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rollups_on_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
begin
  if exists (select 1 from old_rows o join new_rows n on n.id = o.id
             where (o.timezone, o.influence_window_days) is distinct from (n.timezone, n.influence_window_days))
  then
    perform rollups_rebuild();
  end if;
  return null;
end
$$;
--> statement-breakpoint

-- Keep the facts of the leads already stored under the new definition.
SELECT rollups_rebuild();
