ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "ambassador_district_id" uuid;--> statement-breakpoint
ALTER TABLE "referral_events" ADD COLUMN "action" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_ambassador_district_id_districts_id_fk" FOREIGN KEY ("ambassador_district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;