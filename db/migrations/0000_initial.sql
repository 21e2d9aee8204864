CREATE TYPE "public"."alert_level" AS ENUM('warning', 'critical');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'denied', 'failure');--> statement-breakpoint
CREATE TYPE "public"."course_status" AS ENUM('planned', 'active', 'completed', 'discontinued');--> statement-breakpoint
CREATE TYPE "public"."drug" AS ENUM('ketamine', 'esketamine');--> statement-breakpoint
CREATE TYPE "public"."note_kind" AS ENUM('preparation', 'integration', 'progress');--> statement-breakpoint
CREATE TYPE "public"."paradigm" AS ENUM('psychotherapeutic', 'psychedelic', 'biochemical');--> statement-breakpoint
CREATE TYPE "public"."patient_status" AS ENUM('intake', 'screening', 'active', 'maintenance', 'completed', 'discontinued');--> statement-breakpoint
CREATE TYPE "public"."protocol" AS ENUM('iv_ketamine', 'im_ketamine', 'intranasal_esketamine', 'sublingual_ketamine');--> statement-breakpoint
CREATE TYPE "public"."rater" AS ENUM('self', 'clinician');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('psychiatrist', 'nurse', 'admin');--> statement-breakpoint
CREATE TYPE "public"."route" AS ENUM('iv', 'im', 'intranasal', 'sublingual');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('intake', 'preparation', 'dosing', 'integration', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."ae_severity" AS ENUM('mild', 'moderate', 'severe');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male', 'other', 'unknown');--> statement-breakpoint
CREATE TABLE "adverse_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"type" text NOT NULL,
	"description" text,
	"severity" "ae_severity" NOT NULL,
	"onset_at" timestamp with time zone NOT NULL,
	"action_taken" text,
	"resolved_at" timestamp with time zone,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"vitals_id" uuid,
	"code" text NOT NULL,
	"level" "alert_level" NOT NULL,
	"message" text NOT NULL,
	"value" text NOT NULL,
	"threshold" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"session_id" uuid,
	"instrument" text NOT NULL,
	"administered_at" timestamp with time zone NOT NULL,
	"answers" jsonb NOT NULL,
	"total" smallint,
	"band" text,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rater" "rater" NOT NULL,
	"entered_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"actor_role" "role",
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"patient_id" uuid,
	"outcome" "audit_outcome" NOT NULL,
	"request_address" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "dose_administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"order_id" uuid,
	"drug" "drug" NOT NULL,
	"route" "route" NOT NULL,
	"dose_mg" double precision NOT NULL,
	"dose_mg_per_kg" double precision,
	"weight_kg" double precision,
	"devices" smallint,
	"lot" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"deviates_from_order" boolean DEFAULT false NOT NULL,
	"deviation_reason" text,
	"given_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dose_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"drug" "drug" NOT NULL,
	"route" "route" NOT NULL,
	"dose_mg_per_kg" double precision,
	"dose_mg" double precision,
	"infusion_minutes" smallint,
	"out_of_range_reason" text,
	"ordered_by" uuid NOT NULL,
	"signed_at" timestamp with time zone,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"opens_at" time DEFAULT '08:00' NOT NULL,
	"closes_at" time DEFAULT '18:00' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"session_id" uuid,
	"kind" "note_kind" NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mrn" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" "sex" NOT NULL,
	"weight_kg" double precision,
	"diagnosis_code" text NOT NULL,
	"diagnosis_label" text NOT NULL,
	"psychiatrist_id" uuid,
	"status" "patient_status" DEFAULT 'intake' NOT NULL,
	"consent_on_file" date,
	"screening" jsonb,
	"phone" text,
	"email" text,
	"emergency_contact_name" text,
	"emergency_contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'room' NOT NULL,
	"capacity" smallint DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid,
	"kind" "session_kind" NOT NULL,
	"scheduled_start" timestamp with time zone NOT NULL,
	"scheduled_end" timestamp with time zone NOT NULL,
	"room_id" uuid,
	"psychiatrist_id" uuid,
	"nurse_id" uuid,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"number_in_course" smallint,
	"check_in" jsonb,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"completed_at" timestamp with time zone,
	"discharged_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treatment_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"protocol" "protocol" NOT NULL,
	"paradigm" "paradigm" NOT NULL,
	"planned_sessions" smallint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" "course_status" DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"title" text,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"last_failed_login_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vitals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"minutes_from_dose" integer,
	"systolic" smallint NOT NULL,
	"diastolic" smallint NOT NULL,
	"heart_rate" smallint NOT NULL,
	"spo2" smallint,
	"respiratory_rate" smallint,
	"temperature_c" double precision,
	"moaas" smallint,
	"recorded_by" uuid NOT NULL,
	"idempotency_key" text,
	"supersedes_id" uuid,
	"amend_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_vitals_id_vitals_id_fk" FOREIGN KEY ("vitals_id") REFERENCES "public"."vitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_order_id_dose_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."dose_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_orders" ADD CONSTRAINT "dose_orders_course_id_treatment_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."treatment_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_orders" ADD CONSTRAINT "dose_orders_ordered_by_users_id_fk" FOREIGN KEY ("ordered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_psychiatrist_id_users_id_fk" FOREIGN KEY ("psychiatrist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_course_id_treatment_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."treatment_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_psychiatrist_id_users_id_fk" FOREIGN KEY ("psychiatrist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_nurse_id_users_id_fk" FOREIGN KEY ("nurse_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_discharged_by_users_id_fk" FOREIGN KEY ("discharged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_courses" ADD CONSTRAINT "treatment_courses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_courses" ADD CONSTRAINT "treatment_courses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vitals" ADD CONSTRAINT "vitals_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vitals" ADD CONSTRAINT "vitals_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adverse_events_session_idx" ON "adverse_events" USING btree ("session_id","onset_at");--> statement-breakpoint
CREATE INDEX "alerts_session_idx" ON "alerts" USING btree ("session_id","raised_at");--> statement-breakpoint
CREATE INDEX "assessments_patient_instrument_idx" ON "assessments" USING btree ("patient_id","instrument","administered_at");--> statement-breakpoint
CREATE INDEX "assessments_session_idx" ON "assessments" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_actor_at_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_patient_at_idx" ON "audit_events" USING btree ("patient_id","at");--> statement-breakpoint
CREATE INDEX "audit_action_at_idx" ON "audit_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "dose_admin_session_idx" ON "dose_administrations" USING btree ("session_id","started_at");--> statement-breakpoint
CREATE INDEX "dose_orders_course_idx" ON "dose_orders" USING btree ("course_id","valid_from");--> statement-breakpoint
CREATE INDEX "notes_patient_idx" ON "notes" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_mrn_key" ON "patients" USING btree ("mrn");--> statement-breakpoint
CREATE INDEX "patients_name_idx" ON "patients" USING btree ("family_name","given_name");--> statement-breakpoint
CREATE INDEX "patients_psychiatrist_idx" ON "patients" USING btree ("psychiatrist_id","family_name","given_name");--> statement-breakpoint
CREATE INDEX "patients_status_idx" ON "patients" USING btree ("status");--> statement-breakpoint
CREATE INDEX "patients_dob_idx" ON "patients" USING btree ("date_of_birth");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_location_name_key" ON "rooms" USING btree ("location_id","name");--> statement-breakpoint
CREATE INDEX "sessions_start_idx" ON "sessions" USING btree ("scheduled_start");--> statement-breakpoint
CREATE INDEX "sessions_room_start_idx" ON "sessions" USING btree ("room_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "sessions_psychiatrist_start_idx" ON "sessions" USING btree ("psychiatrist_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "sessions_nurse_start_idx" ON "sessions" USING btree ("nurse_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "sessions_patient_start_idx" ON "sessions" USING btree ("patient_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "sessions_course_idx" ON "sessions" USING btree ("course_id","number_in_course");--> statement-breakpoint
CREATE INDEX "courses_patient_idx" ON "treatment_courses" USING btree ("patient_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role","name");--> statement-breakpoint
CREATE INDEX "vitals_session_taken_idx" ON "vitals" USING btree ("session_id","taken_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vitals_session_idempotency_key" ON "vitals" USING btree ("session_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "vitals_supersedes_idx" ON "vitals" USING btree ("supersedes_id");