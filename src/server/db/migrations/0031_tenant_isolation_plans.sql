-- Indexes that carry municipality_id after the parent id, for row-level security (decision 0109).
DROP INDEX "clip_grants_course_idx";--> statement-breakpoint
DROP INDEX "clips_course_card_idx";--> statement-breakpoint
DROP INDEX "clips_citizen_created_idx";--> statement-breakpoint
CREATE INDEX "clip_grants_course_idx" ON "clip_grants" USING btree ("course_id","municipality_id");--> statement-breakpoint
CREATE INDEX "clips_course_card_idx" ON "clips" USING btree ("course_id","kind","status","planned_on","planned_start","registered_at","actual_minutes","municipality_id");--> statement-breakpoint
CREATE INDEX "clips_citizen_created_idx" ON "clips" USING btree ("citizen_id","municipality_id","created_at");--> statement-breakpoint
-- Row-level security the planner can plan with (decision 0109). The policies of 0028 compared
-- municipality_id with nullif(current_setting(…))::uuid, a stable expression PostgreSQL evaluates
-- again for every row it reads (~0.6 µs: a caseload's 20,000 clips took 13 → 42 ms). As a scalar
-- subquery it is an InitPlan, evaluated once per statement, and each row compares with its result.
-- Same rule, same rows: no setting (or an empty one) is still no municipality, so nothing is visible.
CREATE OR REPLACE FUNCTION broen_isolate_tenants() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t text;
  rule text := 'municipality_id = (SELECT nullif(current_setting(''broen.municipality_id'', true), '''')::uuid)';
BEGIN
  FOR t IN
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables tb
      ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = 'municipality_id'
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
    IF EXISTS (
      SELECT FROM pg_policies WHERE schemaname = 'public' AND tablename = t AND policyname = 'tenant_isolation'
    ) THEN
      EXECUTE format('ALTER POLICY tenant_isolation ON public.%I USING (%s) WITH CHECK (%s)', t, rule, rule);
    ELSE
      EXECUTE format('CREATE POLICY tenant_isolation ON public.%I TO broen_tenant USING (%s) WITH CHECK (%s)', t, rule, rule);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
SELECT broen_isolate_tenants();
--> statement-breakpoint
-- Citizen search by name under row-level security (decision 0109). LIKE is not leakproof, so
-- PostgreSQL never lets it be an index condition on a table with a policy: the trigram index
-- citizens_search_trgm_idx served only the municipality and every citizen of it was read (8,000 to
-- find 300 "Nielsen"). This function finds the ids through the index as the owner and answers only
-- the municipality asked for, and never another than a tenant transaction's own; the search then
-- reads those rows by id, under the policy as before.
CREATE OR REPLACE FUNCTION broen_citizens_named(municipality uuid, word text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100
AS $$
  SELECT id FROM citizens
  WHERE municipality_id = $1
    AND $1 = coalesce(nullif(current_setting('broen.municipality_id', true), '')::uuid, $1)
    AND search_fold LIKE '%' || danish_search_fold($2) || '%'
$$;
