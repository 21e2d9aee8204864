CREATE UNIQUE INDEX "sessions_id_patient_key" ON "sessions" USING btree ("id","patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_id_course_key" ON "sessions" USING btree ("id","course_id");--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD COLUMN "course_id" uuid;--> statement-breakpoint
UPDATE "dose_administrations" AS d SET "patient_id" = s."patient_id", "course_id" = s."course_id" FROM "sessions" AS s WHERE s."id" = d."session_id";--> statement-breakpoint
ALTER TABLE "dose_administrations" ALTER COLUMN "patient_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_admin_session_patient_fk" FOREIGN KEY ("session_id","patient_id") REFERENCES "public"."sessions"("id","patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_admin_session_course_fk" FOREIGN KEY ("session_id","course_id") REFERENCES "public"."sessions"("id","course_id") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "dose_admin_patient_course_idx" ON "dose_administrations" USING btree ("patient_id","course_id","started_at");
