CREATE TABLE "catalog_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"place_kind" text NOT NULL,
	"place_name" text,
	"address_line" text,
	"postal_code" text,
	"city" text,
	"lat" double precision,
	"lon" double precision,
	"remote_channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"schedule" jsonb NOT NULL,
	"weekdays" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"times_of_day" text[] DEFAULT '{}'::text[] NOT NULL,
	"accessibility" text[] DEFAULT '{}'::text[] NOT NULL,
	"cost_kind" text DEFAULT 'free' NOT NULL,
	"cost_amount_dkk" integer,
	"cost_per" text,
	"group_size" text NOT NULL,
	"contact" jsonb,
	"last_verified_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('danish', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(place_name, '') || ' ' || coalesce(city, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"address_line" text,
	"postal_code" text,
	"city" text,
	"phone" text,
	"email" text,
	"website" text,
	"inclusion_criteria" text,
	"collaboration_agreement" text DEFAULT 'none' NOT NULL,
	"managed_by_organisation_id" uuid,
	"last_verified_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"status" text DEFAULT 'suggested' NOT NULL,
	"stop_reason" text,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "small_communities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"meeting_place" text,
	"host_user_id" uuid,
	"end_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "small_community_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "small_community_members" (
	"community_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "small_community_members_community_id_course_id_pk" PRIMARY KEY("community_id","course_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"to_organisation_id" uuid NOT NULL,
	"consent_fields" text[] NOT NULL,
	"shared" jsonb NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"match_kind" text,
	"matched_activity_id" uuid,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "citizens" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "citizens" ADD COLUMN "lon" double precision;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "matching_profile" jsonb;--> statement-breakpoint
ALTER TABLE "catalog_activities" ADD CONSTRAINT "catalog_activities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_activities" ADD CONSTRAINT "catalog_activities_organisation_id_catalog_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."catalog_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD CONSTRAINT "catalog_changes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD CONSTRAINT "catalog_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_organisations" ADD CONSTRAINT "catalog_organisations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_organisations" ADD CONSTRAINT "catalog_organisations_managed_by_organisation_id_organisations_id_fk" FOREIGN KEY ("managed_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_events" ADD CONSTRAINT "placement_events_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_events" ADD CONSTRAINT "placement_events_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_events" ADD CONSTRAINT "placement_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_activity_id_catalog_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."catalog_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_communities" ADD CONSTRAINT "small_communities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_communities" ADD CONSTRAINT "small_communities_host_user_id_users_id_fk" FOREIGN KEY ("host_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_communities" ADD CONSTRAINT "small_communities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_meetings" ADD CONSTRAINT "small_community_meetings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_meetings" ADD CONSTRAINT "small_community_meetings_community_id_small_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."small_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_meetings" ADD CONSTRAINT "small_community_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_members" ADD CONSTRAINT "small_community_members_community_id_small_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."small_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_members" ADD CONSTRAINT "small_community_members_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_members" ADD CONSTRAINT "small_community_members_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_community_members" ADD CONSTRAINT "small_community_members_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_matched_activity_id_catalog_activities_id_fk" FOREIGN KEY ("matched_activity_id") REFERENCES "public"."catalog_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_referrals" ADD CONSTRAINT "volunteer_referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_activities_search_idx" ON "catalog_activities" USING gin ("search");--> statement-breakpoint
CREATE INDEX "catalog_activities_municipality_idx" ON "catalog_activities" USING btree ("municipality_id","active");--> statement-breakpoint
CREATE INDEX "catalog_activities_organisation_idx" ON "catalog_activities" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "catalog_activities_themes_idx" ON "catalog_activities" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "catalog_changes_entity_idx" ON "catalog_changes" USING btree ("entity_id","at");--> statement-breakpoint
CREATE INDEX "catalog_organisations_municipality_idx" ON "catalog_organisations" USING btree ("municipality_id","active");--> statement-breakpoint
CREATE INDEX "placement_events_placement_idx" ON "placement_events" USING btree ("placement_id","at");--> statement-breakpoint
CREATE INDEX "placements_course_idx" ON "placements" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "placements_activity_idx" ON "placements" USING btree ("activity_id","status");--> statement-breakpoint
CREATE INDEX "small_communities_municipality_idx" ON "small_communities" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "small_community_meetings_idx" ON "small_community_meetings" USING btree ("community_id","held_on");--> statement-breakpoint
CREATE INDEX "small_community_members_citizen_idx" ON "small_community_members" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "volunteer_referrals_inbox_idx" ON "volunteer_referrals" USING btree ("to_organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "volunteer_referrals_course_idx" ON "volunteer_referrals" USING btree ("course_id");