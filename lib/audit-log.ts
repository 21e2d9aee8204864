import "server-only";
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, users, type AuditOutcome, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { config } from "@/lib/config";
import { clinicDayRange } from "@/lib/clinic-day";
import {
  AUDIT_PAGE_SIZE,
  auditQuerySchema,
  type AuditEventView,
  type AuditPageView,
  type AuditQuery,
} from "@/lib/staff/audit-schemas";
import { parseInput } from "@/lib/validation";

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
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

export type AuditPage = { rows: AuditRow[]; page: number; pageSize: number; total: number };

/** The columns every reader of the log gets; `detail` is left out on purpose (see schemas). */
export const auditRowColumns = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorId: auditEvents.actorId,
  actorName: users.name,
  actorEmail: auditEvents.actorEmail,
  actorRole: auditEvents.actorRole,
  action: auditEvents.action,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  patientId: auditEvents.patientId,
  outcome: auditEvents.outcome,
  requestAddress: auditEvents.requestAddress,
};

/** The filters as SQL conditions; `from` and `to` are whole days in the clinic's time zone. */
export function auditConditions(query: Omit<AuditQuery, "page">): SQL[] {
  const timeZone = config().clinicTimeZone;
  // Noon UTC falls on the same calendar day in every clinic time zone.
  const day = (isoDate: string): Date => new Date(`${isoDate}T12:00:00Z`);
  const conditions: SQL[] = [];
  if (query.actorId) conditions.push(eq(auditEvents.actorId, query.actorId));
  if (query.patientId) conditions.push(eq(auditEvents.patientId, query.patientId));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.outcome) conditions.push(eq(auditEvents.outcome, query.outcome));
  if (query.from)
    conditions.push(gte(auditEvents.at, clinicDayRange(day(query.from), timeZone).start));
  if (query.to) conditions.push(lt(auditEvents.at, clinicDayRange(day(query.to), timeZone).end));
  return conditions;
}

/** The audit log, newest first (by the order rows were written), fifty to a page. */
export async function listAuditEvents(
  db: Db,
  actor: ActorContext,
  rawQuery: unknown = {},
): Promise<AuditPage> {
  await authorize(db, actor, "audit:read", { action: "audit.list", entityType: "audit_event" });
  const query = parseInput(auditQuerySchema, rawQuery);
  const conditions = auditConditions(query);
  const where = conditions.length ? and(...conditions) : undefined;

  const [rows, [counted]] = await Promise.all([
    db
      .select(auditRowColumns)
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((query.page - 1) * AUDIT_PAGE_SIZE),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);

  await recordAudit(db, {
    actor,
    action: "audit.list",
    entityType: "audit_event",
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { filters: describeFilters(query), page: query.page },
  });
  return { rows, page: query.page, pageSize: AUDIT_PAGE_SIZE, total: counted?.total ?? 0 };
}

/** The filters used, for the audit row of a read of the log (who looked for what). */
export function describeFilters(query: Omit<AuditQuery, "page">): Record<string, string> {
  const { actorId, patientId, action, outcome, from, to } = query;
  const used = { actorId, patientId, action, outcome, from, to };
  return Object.fromEntries(
    Object.entries(used).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

export function auditEventView(row: AuditRow): AuditEventView {
  return { ...row, at: row.at.toISOString() };
}

export function auditPageView(page: AuditPage): AuditPageView {
  return {
    items: page.rows.map(auditEventView),
    page: page.page,
    pageSize: page.pageSize,
    total: page.total,
  };
}

/** Staff to filter the log by (names only: not clinical data). */
export async function auditActorOptions(
  db: Db,
  actor: ActorContext,
): Promise<{ id: string; name: string }[]> {
  await authorize(db, actor, "audit:read", { action: "audit.list", entityType: "audit_event" });
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(users.name);
}
