ALTER TABLE "municipality_settings" ADD COLUMN "controller_contact" text;--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "dpo_contact" text;