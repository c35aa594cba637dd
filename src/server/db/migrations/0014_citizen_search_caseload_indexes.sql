DROP INDEX "clips_course_idx";--> statement-breakpoint
DROP INDEX "clips_citizen_idx";--> statement-breakpoint
CREATE INDEX "citizens_search_trgm_idx" ON "citizens" USING gin ("municipality_id",danish_search_fold("search_text") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clips_course_card_idx" ON "clips" USING btree ("course_id","kind","status","planned_on","planned_start","registered_at","actual_minutes");--> statement-breakpoint
CREATE INDEX "clips_citizen_created_idx" ON "clips" USING btree ("citizen_id","created_at");--> statement-breakpoint
CREATE INDEX "courses_open_coordinator_idx" ON "courses" USING btree ("municipality_id","coordinator_user_id") WHERE "courses"."stage" <> 'closed';