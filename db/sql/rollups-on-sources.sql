-- The statement triggers recounting the attribution when source keys change (a touch's channel names
-- a source by key). Defined in 0003_rollup_triggers (JIT off since 0007).
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- A source's key decides which touches credit it (a touch's channel names a source by key): when keys
-- come, go or change, recount the attribution of the won deals with a marketing touch naming one.
-- Runs with JIT off: its statements are small, and compiling them to machine code (PostgreSQL's JIT,
-- above a cost its row estimates for transition tables easily reach) takes longer than running them.
CREATE OR REPLACE FUNCTION rollups_on_sources() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
declare
  keys text[];
begin
  if (select timezone from rollup_state where id = 1) is null then
    return null;
  end if;
  if tg_op = 'INSERT' then
    keys := array(select n.key from new_rows n);
  elsif tg_op = 'DELETE' then
    keys := array(select o.key from old_rows o);
  else
    keys := array(select k from old_rows o join new_rows n on n.id = o.id, lateral (values (o.key), (n.key)) v(k)
                  where o.key is distinct from n.key);
  end if;
  if cardinality(keys) = 0 then
    return null;
  end if;
  perform rollup_refresh_attribution(array(
    select distinct l.id from leads l
    join touches t on t.lead_id = l.id and t.actor = 'marketing' and t.occurred_at <= l.won_at
    where l.won_at is not null
      and lower(btrim(t.channel, ' ' || chr(9) || chr(10) || chr(13))) = any(keys)));
  return null;
end
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_sources_insert AFTER INSERT ON sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_sources();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_sources_update AFTER UPDATE ON sources
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_sources();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollups_sources_delete AFTER DELETE ON sources
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_sources();
