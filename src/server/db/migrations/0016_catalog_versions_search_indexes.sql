-- Catalog search and matching over 20,000 activities (decision 0090).
-- cube (PostgreSQL contrib; PGlite loads it through the constructor's extensions, db/client.ts):
-- sphere_point's GiST index hands out the nearest activities first.
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE TABLE "catalog_versions" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"reset_version" bigint DEFAULT 0 NOT NULL,
	"epoch" uuid DEFAULT gen_random_uuid() NOT NULL
);
--> statement-breakpoint
DROP INDEX "catalog_activities_updated_idx";--> statement-breakpoint
ALTER TABLE "catalog_activities" ADD COLUMN "catalog_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_activities" ADD COLUMN "title_key" text COLLATE "C" GENERATED ALWAYS AS (translate(replace(translate(lower(translate(title, 'ÆØÅÄÖÜÉÈÊÁÀÓÍÚ', 'æøåäöüéèêáàóíú')), 'äöüéèêáàóíú', 'æøyeeeaaoiu'), 'aa', 'å'), 'æøå', '{|}')) STORED;--> statement-breakpoint
ALTER TABLE "catalog_activities" ADD COLUMN "sphere_point" "cube" GENERATED ALWAYS AS (case when lat is null or lon is null then null else cube(array[cos(radians(lat)) * cos(radians(lon)), cos(radians(lat)) * sin(radians(lon)), sin(radians(lat))]) end) STORED;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_activities_catalog_version_idx" ON "catalog_activities" USING btree ("municipality_id","catalog_version");--> statement-breakpoint
CREATE INDEX "catalog_activities_title_idx" ON "catalog_activities" USING btree ("municipality_id","active","title_key","id");--> statement-breakpoint
CREATE INDEX "catalog_activities_sphere_point_idx" ON "catalog_activities" USING gist ("sphere_point");--> statement-breakpoint
-- Every change to a municipality's catalog_activities bumps its catalog_versions row once per
-- transaction and stamps the rows it writes with that version (matching's cache, ADR 0090).
INSERT INTO "catalog_versions" ("municipality_id") SELECT "id" FROM "municipalities" ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION catalog_activity_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- "<municipality id>:<version>" once this transaction has bumped that municipality's version.
  bumped text := current_setting('broen.catalog_version', true);
  v bigint;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.municipality_id <> NEW.municipality_id THEN
    -- The old municipality's copies cannot see a row that left: they load in full.
    UPDATE catalog_versions SET version = version + 1, reset_version = version + 1
      WHERE municipality_id = OLD.municipality_id;
  END IF;
  IF bumped LIKE NEW.municipality_id::text || ':%' THEN
    NEW.catalog_version := split_part(bumped, ':', 2)::bigint;
    RETURN NEW;
  END IF;
  -- The row lock taken here is held until commit: versions commit in order.
  INSERT INTO catalog_versions AS c (municipality_id, version) VALUES (NEW.municipality_id, 1)
    ON CONFLICT (municipality_id) DO UPDATE SET version = c.version + 1
    RETURNING c.version INTO v;
  PERFORM set_config('broen.catalog_version', NEW.municipality_id::text || ':' || v, true);
  NEW.catalog_version := v;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER catalog_activities_stamp BEFORE INSERT OR UPDATE ON catalog_activities
  FOR EACH ROW EXECUTE FUNCTION catalog_activity_stamp();--> statement-breakpoint
CREATE FUNCTION catalog_activities_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A deleted row cannot be read as changed: every copy of the municipality's catalog loads in full.
  INSERT INTO catalog_versions AS c (municipality_id, version, reset_version)
    SELECT DISTINCT municipality_id, 1, 1 FROM deleted_rows
    ON CONFLICT (municipality_id) DO UPDATE SET version = c.version + 1, reset_version = c.version + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER catalog_activities_deleted AFTER DELETE ON catalog_activities
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_activities_deleted();--> statement-breakpoint
CREATE FUNCTION catalog_activities_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- New rows, new epochs: every copy loads in full.
  DELETE FROM catalog_versions;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER catalog_activities_truncated AFTER TRUNCATE ON catalog_activities
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_activities_truncated();
