CREATE TABLE "patient_summaries" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"course" jsonb,
	"doses" jsonb,
	"scores" jsonb,
	"flags" jsonb,
	"not_responding" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD CONSTRAINT "patient_summaries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_summaries_not_responding_idx" ON "patient_summaries" USING btree ("patient_id") WHERE "patient_summaries"."not_responding";--> statement-breakpoint
CREATE INDEX "patient_summaries_flagged_idx" ON "patient_summaries" USING btree ("patient_id") WHERE "patient_summaries"."flags" is not null;--> statement-breakpoint
-- refresh_patient_summaries(uuid[]) is written by the server after migrating
-- (db/patient-summaries.ts), from the same definitions the list used to compute on each read.
-- Until then, moments later, a stand-in: a write made in between is covered by the full
-- refresh that follows.
CREATE FUNCTION "refresh_patient_summaries"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
END $$;--> statement-breakpoint
-- Every write that changes what the patient list shows refreshes the patients it touched, in the
-- same transaction. A bulk load may set kapstone.summaries = 'deferred' for its transaction and
-- refresh the patients it loaded once, at its end.
CREATE FUNCTION "patient_summaries_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kapstone.summaries', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_patient_summaries(array(SELECT DISTINCT patient_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_patient_summaries(array(SELECT DISTINCT patient_id FROM old_rows));
  ELSE
    PERFORM refresh_patient_summaries(
      array(SELECT patient_id FROM new_rows UNION SELECT patient_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "patient_summaries_follow_patient"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kapstone.summaries', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
  PERFORM refresh_patient_summaries(array[NEW.id]);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "assessments_summary_insert" AFTER INSERT ON "assessments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "assessments_summary_update" AFTER UPDATE ON "assessments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "assessments_summary_delete" AFTER DELETE ON "assessments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "doses_summary_insert" AFTER INSERT ON "dose_administrations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "doses_summary_update" AFTER UPDATE ON "dose_administrations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "doses_summary_delete" AFTER DELETE ON "dose_administrations" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "courses_summary_insert" AFTER INSERT ON "treatment_courses" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "courses_summary_update" AFTER UPDATE ON "treatment_courses" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "courses_summary_delete" AFTER DELETE ON "treatment_courses" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "patient_summaries_follow"();--> statement-breakpoint
CREATE TRIGGER "patients_summary_insert" AFTER INSERT ON "patients" FOR EACH ROW EXECUTE FUNCTION "patient_summaries_follow_patient"();--> statement-breakpoint
CREATE TRIGGER "patients_summary_diagnosis" AFTER UPDATE OF "diagnosis_code" ON "patients" FOR EACH ROW WHEN (OLD."diagnosis_code" IS DISTINCT FROM NEW."diagnosis_code") EXECUTE FUNCTION "patient_summaries_follow_patient"();
