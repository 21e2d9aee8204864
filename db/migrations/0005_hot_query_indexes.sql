CREATE INDEX "alerts_vitals_idx" ON "alerts" USING btree ("vitals_id");--> statement-breakpoint
CREATE INDEX "audit_not_success_idx" ON "audit_events" USING btree ("outcome","id") WHERE "audit_events"."outcome" <> 'success';--> statement-breakpoint
CREATE INDEX "sessions_live_status_idx" ON "sessions" USING btree ("status") WHERE "sessions"."status" in ('checked_in', 'in_progress');