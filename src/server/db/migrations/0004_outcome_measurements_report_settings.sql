CREATE TABLE "outcome_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"questionnaire_key" text NOT NULL,
	"due_on" date NOT NULL,
	"screening_id" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "outcome_questionnaire_key" text DEFAULT 't-ils' NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "outcome_follow_up_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "small_number_threshold" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "pseudonym_key" text;--> statement-breakpoint
ALTER TABLE "screenings" ADD COLUMN "purpose" text DEFAULT 'detection' NOT NULL;--> statement-breakpoint
ALTER TABLE "outcome_measurements" ADD CONSTRAINT "outcome_measurements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measurements" ADD CONSTRAINT "outcome_measurements_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measurements" ADD CONSTRAINT "outcome_measurements_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measurements" ADD CONSTRAINT "outcome_measurements_screening_id_screenings_id_fk" FOREIGN KEY ("screening_id") REFERENCES "public"."screenings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_measurements_course_phase_uq" ON "outcome_measurements" USING btree ("course_id","phase");--> statement-breakpoint
CREATE INDEX "outcome_measurements_due_idx" ON "outcome_measurements" USING btree ("municipality_id","due_on");