/**
 * Append-only audit trail. There is deliberately no update or delete here or anywhere else:
 * rows are only ever inserted, in the same transaction as the change they record.
 */
import type { Db, Tx } from "@/db/client";
import { auditEvents, type AuditOutcome, type Role } from "@/db/schema";

export type AuditActor = { id: string; role: Role; email?: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  outcome: AuditOutcome;
  requestAddress?: string | null;
  actorEmail?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: entry.actor?.id ?? null,
    actorRole: entry.actor?.role ?? null,
    actorEmail: entry.actorEmail ?? entry.actor?.email ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    patientId: entry.patientId ?? null,
    outcome: entry.outcome,
    requestAddress: entry.requestAddress ?? null,
    detail: entry.detail ?? null,
  });
}
