ALTER TABLE "adverse_events" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "pre_dose_review" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "discharge_override_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "adverse_events_session_idempotency_key" ON "adverse_events" USING btree ("session_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dose_admin_session_idempotency_key" ON "dose_administrations" USING btree ("session_id","idempotency_key");