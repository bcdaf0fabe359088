-- audit_log is append-only, in the database as in the app. Defined in 0005_audit_append_only.
-- The current definition: edit it here and run `pnpm db:sql <name>` for the migration (docs/decisions/0012).

-- The audit log is append-only (issue 8): entries are inserted, never changed or removed. The app never
-- updates them; this trigger makes the database refuse it too, whoever asks. The one change let through is
-- the users foreign key's ON DELETE SET NULL, run from its own trigger (so at a trigger depth above 1):
-- deleting a user keeps the user's entries, without the user id.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF pg_trigger_depth() > 1 AND OLD.user_id IS NOT NULL AND NEW.user_id IS NULL
      AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
