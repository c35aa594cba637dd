-- Tenancy as defence in depth (issue 15 point 5, decision 0106): row-level security on
-- every municipality-owned table. A staff request's transaction runs as the role broen_tenant with
-- broen.municipality_id set (platform/tenant-isolation.ts); the policies then show and accept only that
-- municipality's rows, so a query that forgets its filter finds nothing of another municipality.
-- The owner (the role Broen connects as) is not subject to the policies (no FORCE): migrations, the
-- job queue, the session lookup and the platform administration work across municipalities as before.
--
-- The role is cluster-wide; several databases (tests, installations) may create it at once.
-- A database user without CREATEROLE needs a DBA to run `CREATE ROLE broen_tenant NOLOGIN;
-- GRANT broen_tenant TO <broen's user>;` first (docs/OPERATIONS.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'broen_tenant') THEN
    BEGIN
      CREATE ROLE broen_tenant NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created by another database's migration a moment ago
    END;
  END IF;
  -- Broen's user must be able to SET ROLE broen_tenant (a superuser always can).
  IF NOT pg_has_role(current_user, 'broen_tenant', 'MEMBER') THEN
    EXECUTE format('GRANT broen_tenant TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO broen_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO broen_tenant;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO broen_tenant;
--> statement-breakpoint
-- Tables and sequences of later migrations (created by the same owner) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO broen_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO broen_tenant;
--> statement-breakpoint
-- The platform administrators are above every municipality: no staff request reads them.
REVOKE ALL ON platform_admins, platform_sessions FROM broen_tenant;
--> statement-breakpoint
-- Puts the policy on every table of the public schema that has a municipality_id column and lacks it.
-- Idempotent: a later migration that adds such a table ends with `SELECT broen_isolate_tenants();`
-- (tenant-isolation.int.test.ts fails for a table without the policy).
CREATE OR REPLACE FUNCTION broen_isolate_tenants() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables tb
      ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = 'municipality_id'
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
    IF NOT EXISTS (
      SELECT FROM pg_policies WHERE schemaname = 'public' AND tablename = t AND policyname = 'tenant_isolation'
    ) THEN
      -- nullif: no setting (or an empty one) is no municipality, so nothing is visible rather than an error.
      EXECUTE format(
        'CREATE POLICY tenant_isolation ON public.%I TO broen_tenant
           USING (municipality_id = nullif(current_setting(''broen.municipality_id'', true), '''')::uuid)
           WITH CHECK (municipality_id = nullif(current_setting(''broen.municipality_id'', true), '''')::uuid)',
        t
      );
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
SELECT broen_isolate_tenants();
