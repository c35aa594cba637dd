CREATE TABLE "clip_use_months" (
	"municipality_id" uuid NOT NULL,
	"month" date NOT NULL,
	"course_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"accompaniment_form" text,
	"clips" integer NOT NULL,
	"minutes" integer NOT NULL
);
--> statement-breakpoint
-- Punch-card use per month, kept by the clips' own writes (issue 19 point 3, decision 0089 amended).
-- Every INSERT, UPDATE or DELETE of clips adds, in the same transaction, rows holding the change per
-- (course, month of the clip's day, kind, status, carrying organisation, form): +n clips for new
-- rows, −n for old ones. Only INSERTs — no row of this table is ever updated — so concurrent
-- registrations never wait on each other here. The job reports.clip-use-compact merges the rows.
-- A clip with neither day is in no period (as in the report's live query) and is left out.
CREATE FUNCTION clip_use_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO clip_use_months (municipality_id, month, course_id, citizen_id, kind, status,
      provider_organisation_id, accompaniment_form, clips, minutes)
    SELECT municipality_id, date_trunc('month', coalesce(performed_on, planned_on)::timestamp)::date,
      course_id, citizen_id, kind, status, provider_organisation_id, accompaniment_form,
      count(*)::int, coalesce(sum(actual_minutes), 0)::int
    FROM new_clips
    WHERE coalesce(performed_on, planned_on) IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    -- A bulk insert (the national-scale seed) lays its sums down in the index's order.
    ORDER BY 1, 2, 4, 3;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION clip_use_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The new rows counted in, the old ones out; an update that changes nothing counted (a note
  -- cleared, minutes rewritten to the same value) nets to zero and writes nothing.
  INSERT INTO clip_use_months (municipality_id, month, course_id, citizen_id, kind, status,
      provider_organisation_id, accompaniment_form, clips, minutes)
    SELECT municipality_id, date_trunc('month', day::timestamp)::date, course_id, citizen_id, kind, status,
      provider_organisation_id, accompaniment_form, sum(n)::int, sum(m)::int
    FROM (
      SELECT municipality_id, coalesce(performed_on, planned_on) AS day, course_id, citizen_id, kind, status,
        provider_organisation_id, accompaniment_form, 1 AS n, coalesce(actual_minutes, 0) AS m
      FROM new_clips
      UNION ALL
      SELECT municipality_id, coalesce(performed_on, planned_on), course_id, citizen_id, kind, status,
        provider_organisation_id, accompaniment_form, -1, -coalesce(actual_minutes, 0)
      FROM old_clips
    ) change
    WHERE day IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(n) <> 0 OR sum(m) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION clip_use_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Deleted clips (an erasure, a retention run): their courses' rows are merged at once with the
  -- change, so a key that sums to zero leaves no row naming the course or its citizen. The nightly
  -- merge (compactClipUse) holds this lock exclusively for its municipality: the rows read here
  -- are never ones it has just replaced by their sum (the next statement sees its commit).
  PERFORM pg_advisory_xact_lock_shared(hashtext('clip_use_months'), hashtext(municipality_id::text))
    FROM (SELECT DISTINCT municipality_id FROM old_clips ORDER BY 1) m;
  WITH gone AS (
    DELETE FROM clip_use_months u
      USING (SELECT DISTINCT municipality_id, course_id FROM old_clips) d
      WHERE u.municipality_id = d.municipality_id AND u.course_id = d.course_id
      RETURNING u.municipality_id, u.month, u.course_id, u.citizen_id, u.kind, u.status,
        u.provider_organisation_id, u.accompaniment_form, u.clips, u.minutes
  )
  INSERT INTO clip_use_months (municipality_id, month, course_id, citizen_id, kind, status,
      provider_organisation_id, accompaniment_form, clips, minutes)
    SELECT municipality_id, month, course_id, citizen_id, kind, status, provider_organisation_id,
      accompaniment_form, sum(clips)::int, sum(minutes)::int
    FROM (
      SELECT * FROM gone
      UNION ALL
      SELECT municipality_id, date_trunc('month', coalesce(performed_on, planned_on)::timestamp)::date,
        course_id, citizen_id, kind, status, provider_organisation_id, accompaniment_form,
        -1, -coalesce(actual_minutes, 0)
      FROM old_clips
      WHERE coalesce(performed_on, planned_on) IS NOT NULL
    ) merged
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(clips) <> 0 OR sum(minutes) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION clip_use_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM clip_use_months;
  RETURN NULL;
END $$;--> statement-breakpoint
-- No clip is written between the sums of the clips there are and the triggers' first change
-- (the migration's transaction holds this lock until it commits).
LOCK TABLE clips IN SHARE MODE;--> statement-breakpoint
INSERT INTO clip_use_months (municipality_id, month, course_id, citizen_id, kind, status,
    provider_organisation_id, accompaniment_form, clips, minutes)
  SELECT municipality_id, date_trunc('month', coalesce(performed_on, planned_on)::timestamp)::date,
    course_id, citizen_id, kind, status, provider_organisation_id, accompaniment_form,
    count(*)::int, coalesce(sum(actual_minutes), 0)::int
  FROM clips
  WHERE coalesce(performed_on, planned_on) IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  -- In the index's order: a municipality's months lie together on disk, and the index is built once.
  ORDER BY 1, 2, 4, 3, 5, 6, 7, 8;--> statement-breakpoint
CREATE INDEX "clip_use_months_report_idx" ON "clip_use_months" USING btree ("municipality_id","month","citizen_id","course_id","kind","status","provider_organisation_id","accompaniment_form","clips","minutes");--> statement-breakpoint
CREATE TRIGGER clip_use_inserted AFTER INSERT ON clips
  REFERENCING NEW TABLE AS new_clips FOR EACH STATEMENT EXECUTE FUNCTION clip_use_inserted();--> statement-breakpoint
CREATE TRIGGER clip_use_updated AFTER UPDATE ON clips
  REFERENCING OLD TABLE AS old_clips NEW TABLE AS new_clips FOR EACH STATEMENT EXECUTE FUNCTION clip_use_updated();--> statement-breakpoint
CREATE TRIGGER clip_use_deleted AFTER DELETE ON clips
  REFERENCING OLD TABLE AS old_clips FOR EACH STATEMENT EXECUTE FUNCTION clip_use_deleted();--> statement-breakpoint
CREATE TRIGGER clip_use_truncated AFTER TRUNCATE ON clips
  FOR EACH STATEMENT EXECUTE FUNCTION clip_use_truncated();
