/**
 * Append-only audit trail. There is deliberately no update or delete here or anywhere else:
 * rows are only ever inserted, in the same transaction as the change they record.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { PgTransaction } from "drizzle-orm/pg-core";
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditEvents, type AuditOutcome, type Role } from "@/db/schema";
import { placeholder } from "@/db/statements";

/**
 * Counts, per API request, the audit rows written outside a transaction — the ones that stay
 * even when the request then fails. Rows written inside a transaction that throws are rolled
 * back with it; the API layer then records the failure itself, so every request leaves exactly
 * one row whatever happens.
 */
type AuditScope = { durableRows: number };
const auditScope = new AsyncLocalStorage<AuditScope>();

export function withAuditScope<T>(run: (scope: AuditScope) => Promise<T>): Promise<T> {
  const scope: AuditScope = { durableRows: 0 };
  return auditScope.run(scope, () => run(scope));
}

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

/** The row an audit entry becomes, for a write that inserts it within its own statement. */
export function auditValues(entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
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
  };
}

/**
 * The reader's columns of an audit row written by a kept statement (db/statements.ts
 * keptStatements), as placeholders; `readerValues` binds them on each run.
 */
export function boundReader(): Record<keyof ReturnType<typeof readerValues>, SQL> {
  return {
    actorId: placeholder("actorId"),
    actorRole: placeholder("actorRole"),
    actorEmail: placeholder("actorEmail"),
    requestAddress: placeholder("requestAddress"),
  };
}

/** The values for boundReader's placeholders: who read, from where. */
export function readerValues(actor: NonNullable<AuditActor> & { requestAddress?: string | null }) {
  return {
    actorId: actor.id,
    actorRole: actor.role,
    actorEmail: actor.email ?? null,
    requestAddress: actor.requestAddress ?? null,
  };
}

/** The columns of an audit row a fixed statement writes (db/statements.ts fixedStatement). */
const AUDIT_ROW_COLUMNS = [
  "actorId",
  "actorEmail",
  "actorRole",
  "action",
  "entityType",
  "entityId",
  "patientId",
  "outcome",
  "requestAddress",
  "detail",
] as const satisfies readonly (keyof typeof auditEvents.$inferInsert)[];

type AuditRowColumn = (typeof AUDIT_ROW_COLUMNS)[number];

/** An audit row as placeholders, for a fixed statement to insert; `auditRowValues` binds them. */
export function boundAuditRow(): Record<AuditRowColumn, Placeholder> {
  return Object.fromEntries(
    AUDIT_ROW_COLUMNS.map((column) => [column, sql.placeholder(`audit.${column}`)]),
  ) as Record<AuditRowColumn, Placeholder>;
}

/** The values for boundAuditRow's placeholders, from a row made by auditValues. */
export function auditRowValues(row: typeof auditEvents.$inferInsert): Record<string, unknown> {
  return Object.fromEntries(
    AUDIT_ROW_COLUMNS.map((column) => [`audit.${column}`, row[column] ?? null]),
  );
}

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values(auditValues(entry));
  noteAuditWritten(db);
}

/**
 * For a read that wrote its audit row within its own statement (a data-modifying CTE): the row
 * stays whatever happens next, so a later failure of the request adds no second row.
 */
export function noteAuditWritten(db: Db | Tx): void {
  const scope = auditScope.getStore();
  if (scope && !(db instanceof PgTransaction)) scope.durableRows += 1;
}
