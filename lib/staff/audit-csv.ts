/**
 * The audit log as a CSV file for an inspector or a spreadsheet: the same filters as the page,
 * newest first, read in batches so a long log never sits in memory at once.
 */
import "server-only";
import { and, desc, eq, lt, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { auditConditions, auditRowColumns, describeFilters, type AuditRow } from "@/lib/audit-log";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { config } from "@/lib/config";
import { clinicDateKey } from "@/lib/format";
import { auditQuerySchema } from "@/lib/staff/audit-schemas";
import { parseInput } from "@/lib/validation";

export const AUDIT_CSV_BATCH_SIZE = 500;

export const AUDIT_CSV_HEADER = [
  "At",
  "Actor name",
  "Actor email",
  "Role",
  "Action",
  "Entity type",
  "Entity ID",
  "Patient ID",
  "Outcome",
  "Address",
] as const;

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: formula-looking text neutralised with a leading quote, then RFC 4180 quoting. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function auditCsvLine(row: AuditRow): string {
  return csvLine([
    row.at.toISOString(),
    row.actorName,
    row.actorEmail,
    row.actorRole,
    row.action,
    row.entityType,
    row.entityId,
    row.patientId,
    row.outcome,
    row.requestAddress,
  ]);
}

export type AuditCsvExport = { filename: string; body: ReadableStream<Uint8Array> };

/**
 * Authorises and audits the export, then streams it. The rows are fixed at the moment of the
 * request (ids up to the export's own audit row), so a log that grows meanwhile cannot shift
 * the batches.
 */
export async function exportAuditCsv(
  db: Db,
  actor: ActorContext,
  rawQuery: unknown,
  now: Date = new Date(),
): Promise<AuditCsvExport> {
  await authorize(db, actor, "audit:read", { action: "audit.export", entityType: "audit_event" });
  const filters = parseInput(auditQuerySchema, rawQuery);
  await recordAudit(db, {
    actor,
    action: "audit.export",
    entityType: "audit_event",
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { filters: describeFilters(filters), format: "csv" },
  });
  const conditions = auditConditions(filters);
  const [newest] = await db.select({ id: max(auditEvents.id) }).from(auditEvents);
  // Keyset paging downwards from just above the newest row (the export's own audit row).
  let before = (newest?.id ?? 0) + 1;
  const encoder = new TextEncoder();
  let headerSent = false;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
        return;
      }
      const batch = await db
        .select(auditRowColumns)
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(and(...conditions, lt(auditEvents.id, before)))
        .orderBy(desc(auditEvents.id))
        .limit(AUDIT_CSV_BATCH_SIZE);
      if (batch.length > 0) controller.enqueue(encoder.encode(batch.map(auditCsvLine).join("")));
      const last = batch.at(-1);
      if (batch.length < AUDIT_CSV_BATCH_SIZE || !last) controller.close();
      else before = last.id;
    },
  });
  const day = clinicDateKey(now, config().clinicTimeZone);
  return { filename: `kapstone-audit-${day}.csv`, body };
}
