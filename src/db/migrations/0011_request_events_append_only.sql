-- A request's history (登记、审核、办理、答复、归档 and every clock event) is the legal record the
-- due date is derived from: like audit_log, UPDATE, DELETE and TRUNCATE are refused by the database.
CREATE OR REPLACE FUNCTION request_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'request_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER request_events_no_change BEFORE UPDATE OR DELETE ON request_events
  FOR EACH ROW EXECUTE FUNCTION request_events_append_only();
--> statement-breakpoint
CREATE TRIGGER request_events_no_truncate BEFORE TRUNCATE ON request_events
  FOR EACH STATEMENT EXECUTE FUNCTION request_events_append_only();
