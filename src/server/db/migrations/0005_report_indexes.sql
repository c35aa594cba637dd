CREATE INDEX "target_group_changes_municipality_idx" ON "target_group_changes" USING btree ("municipality_id","changed_at");--> statement-breakpoint
CREATE INDEX "referrals_municipality_created_idx" ON "referrals" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "clip_grants_municipality_idx" ON "clip_grants" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "clips_municipality_performed_idx" ON "clips" USING btree ("municipality_id","performed_on");--> statement-breakpoint
CREATE INDEX "courses_municipality_opened_idx" ON "courses" USING btree ("municipality_id","opened_at");--> statement-breakpoint
CREATE INDEX "follow_ups_municipality_idx" ON "follow_ups" USING btree ("municipality_id","performed_at");--> statement-breakpoint
CREATE INDEX "catalog_activities_updated_idx" ON "catalog_activities" USING btree ("municipality_id","updated_at");--> statement-breakpoint
CREATE INDEX "placement_events_municipality_idx" ON "placement_events" USING btree ("municipality_id","at");--> statement-breakpoint
CREATE INDEX "volunteer_referrals_municipality_idx" ON "volunteer_referrals" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "outcome_measurements_answered_idx" ON "outcome_measurements" USING btree ("municipality_id","answered_at");