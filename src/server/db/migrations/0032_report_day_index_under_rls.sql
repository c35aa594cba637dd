-- The clip's day of punch-card use and the trend as a CASE instead of coalesce() (decision 0109):
-- under row-level security PostgreSQL does not use an index on a COALESCE for a range, and read
-- every clip of the municipality. Same rows, same covered columns. At national scale (5M clips)
-- building it takes about half a minute; clips stay readable meanwhile, writes wait.
DROP INDEX "clips_report_day_idx";--> statement-breakpoint
CREATE INDEX "clips_report_day_idx" ON "clips" USING btree ("municipality_id",(case when "performed_on" is not null then "performed_on" else "planned_on" end),"citizen_id","course_id","kind","status","provider_organisation_id","accompaniment_form","actual_minutes","performed_on","planned_on");