CREATE TABLE "care_record_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_hash" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_record_import_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"outcome" text NOT NULL,
	"citizen_id" uuid,
	"record" jsonb,
	"changes" jsonb,
	"reason" text,
	"field" text
);
--> statement-breakpoint
CREATE TABLE "care_record_import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"source" text NOT NULL,
	"scope" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text,
	"counts" jsonb NOT NULL,
	"failure" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_by" uuid,
	"applied_at" timestamp with time zone,
	"result" jsonb,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_record_push_targets" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"auth_kind" text NOT NULL,
	"token_url" text,
	"client_id" text,
	"secret" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_record_sources" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"auth_kind" text NOT NULL,
	"token_url" text,
	"client_id" text,
	"secret" text,
	"schedule_enabled" boolean DEFAULT false NOT NULL,
	"auto_apply" boolean DEFAULT false NOT NULL,
	"cursor" timestamp with time zone,
	"last_pulled_at" timestamp with time zone,
	"last_run_id" uuid,
	"last_failure" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fhir_access_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fhir_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "sor_code" text;--> statement-breakpoint
ALTER TABLE "citizens" ADD COLUMN "home_care_ended_on" date;--> statement-breakpoint
ALTER TABLE "care_record_deliveries" ADD CONSTRAINT "care_record_deliveries_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_deliveries" ADD CONSTRAINT "care_record_deliveries_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_import_rows" ADD CONSTRAINT "care_record_import_rows_run_id_care_record_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."care_record_import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_import_rows" ADD CONSTRAINT "care_record_import_rows_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_import_rows" ADD CONSTRAINT "care_record_import_rows_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_import_runs" ADD CONSTRAINT "care_record_import_runs_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_import_runs" ADD CONSTRAINT "care_record_import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_import_runs" ADD CONSTRAINT "care_record_import_runs_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_push_targets" ADD CONSTRAINT "care_record_push_targets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_record_sources" ADD CONSTRAINT "care_record_sources_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_access_tokens" ADD CONSTRAINT "fhir_access_tokens_client_id_fhir_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."fhir_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_access_tokens" ADD CONSTRAINT "fhir_access_tokens_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_record_deliveries_citizen_uq" ON "care_record_deliveries" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "care_record_deliveries_status_idx" ON "care_record_deliveries" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "care_record_import_rows_run_idx" ON "care_record_import_rows" USING btree ("run_id","outcome","row_no");--> statement-breakpoint
CREATE INDEX "care_record_import_runs_municipality_idx" ON "care_record_import_runs" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "fhir_access_tokens_client_idx" ON "fhir_access_tokens" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fhir_clients_client_id_uq" ON "fhir_clients" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "fhir_clients_municipality_idx" ON "fhir_clients" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_sor_uq" ON "organisations" USING btree ("municipality_id","sor_code");