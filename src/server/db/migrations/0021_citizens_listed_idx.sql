CREATE INDEX "citizens_listed_idx" ON "citizens" USING btree ("municipality_id","provider_organisation_id","district_id") WHERE "citizens"."anonymised_at" is null and "citizens"."restricted_at" is null;--> statement-breakpoint
-- Statistics for anonymised_at and restricted_at (added by 0018 without any): without them the planner
-- guesses "is null" keeps 0.5 % of rows and leaves citizens_sort_name_idx for a sort of the whole
-- municipality (issue 13, decision 0088).
ANALYZE "citizens";