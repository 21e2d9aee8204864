import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents, auditOutcomeEnum, users, type AuditOutcome, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";

export const auditQuerySchema = z.object({
  actor: z.uuid().optional(),
  action: z.string().trim().max(80).optional(),
  outcome: z.enum(auditOutcomeEnum.enumValues).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Keyset paging: rows older than this id. */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export type AuditRow = {
  id: number;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  outcome: AuditOutcome;
  requestAddress: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, paged by id so page n costs the same as page 1. */
export async function listAuditEvents(
  db: Db,
  actor: ActorContext,
  query: AuditQuery,
  timeZoneOffsets: { from?: Date; to?: Date } = {},
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  await authorize(db, actor, "audit:read", { action: "audit.list", entityType: "audit_event" });
  const conditions: SQL[] = [];
  if (query.actor) conditions.push(eq(auditEvents.actorId, query.actor));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.outcome) conditions.push(eq(auditEvents.outcome, query.outcome));
  if (timeZoneOffsets.from) conditions.push(gte(auditEvents.at, timeZoneOffsets.from));
  if (timeZoneOffsets.to) conditions.push(lt(auditEvents.at, timeZoneOffsets.to));
  if (query.before) conditions.push(lt(auditEvents.id, query.before));

  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: users.name,
      actorEmail: auditEvents.actorEmail,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      patientId: auditEvents.patientId,
      outcome: auditEvents.outcome,
      requestAddress: auditEvents.requestAddress,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);

  await recordAudit(db, {
    actor,
    action: "audit.list",
    entityType: "audit_event",
    outcome: "success",
    requestAddress: actor.requestAddress,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE && last ? last.id : null };
}

/** Staff to filter the log by (names only: not clinical data). */
export async function auditActorOptions(
  db: Db,
  actor: ActorContext,
): Promise<{ id: string; name: string }[]> {
  await authorize(db, actor, "audit:read", { action: "audit.list", entityType: "audit_event" });
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(users.name);
}
