ALTER TABLE "municipality_settings" ADD COLUMN "outcome_window_from_months" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "outcome_window_to_months" integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "baseline_from_detection_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "exception" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "exception_reason" text;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "violations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
-- A held conversation was recorded when it was last written (booked ones were updated when held).
UPDATE "conversations" SET "recorded_at" = "updated_at" WHERE "status" = 'held';--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "started_on" date;--> statement-breakpoint
-- Before issue 11 an intervention started the Copenhagen day it was entered.
UPDATE "interventions" SET "started_on" = ("created_at" AT TIME ZONE 'Europe/Copenhagen')::date;--> statement-breakpoint
ALTER TABLE "interventions" ALTER COLUMN "started_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD COLUMN "matched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD COLUMN "match_ended_at" timestamp with time zone;--> statement-breakpoint
-- Before issue 11 the answer's time was overwritten when a match ended: the best record left of
-- both moments is answered_at (a match that ended counts as made and ended then).
UPDATE "volunteer_referrals" SET "matched_at" = "answered_at" WHERE "match_kind" IS NOT NULL;--> statement-breakpoint
UPDATE "volunteer_referrals" SET "match_ended_at" = "answered_at" WHERE "match_kind" IS NOT NULL AND "status" = 'too_complex';--> statement-breakpoint
ALTER TABLE "outcome_measurements" ADD COLUMN "out_of_window" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_citizen_recorded_idx" ON "conversations" USING btree ("citizen_id","recorded_at");--> statement-breakpoint
CREATE INDEX "volunteer_referrals_matched_idx" ON "volunteer_referrals" USING btree ("municipality_id","matched_at");