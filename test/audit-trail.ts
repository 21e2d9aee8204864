/**
 * Audit-trail helpers for integration tests: every call to the service layer, successful or
 * refused, appends exactly one audit row. Each helper takes the database handle explicitly, so a
 * test file can share them across engines without closing over its own `db`.
 */
import { asc, gt, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";

export type AuditRow = typeof auditEvents.$inferSelect;

/** The highest audit row id so far (0 on an empty log): the mark to look for new rows after. */
export async function lastAuditId(db: Db): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)`.mapWith(Number) })
    .from(auditEvents);
  return row?.id ?? 0;
}

/** The audit rows appended after `mark`, oldest first. */
export function newAuditRows(db: Db, mark: number): Promise<AuditRow[]> {
  return db.select().from(auditEvents).where(gt(auditEvents.id, mark)).orderBy(asc(auditEvents.id));
}

/** Asserts exactly one audit row was appended after `mark`, and returns it. */
export async function expectOneAuditRow(db: Db, mark: number): Promise<AuditRow> {
  const rows = await newAuditRows(db, mark);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error("no audit row");
  return row;
}

/**
 * Runs a call that must succeed and returns its result with the one audit row it appended;
 * with `outcome`, also asserts that row's outcome.
 */
export async function audited<T>(
  db: Db,
  call: () => Promise<T>,
  options: { outcome?: AuditRow["outcome"] } = {},
): Promise<[T, AuditRow]> {
  const mark = await lastAuditId(db);
  const result = await call();
  const row = await expectOneAuditRow(db, mark);
  if (options.outcome !== undefined) expect(row.outcome).toBe(options.outcome);
  return [result, row];
}

/**
 * Runs a call that must be refused with `code` and returns the error with the one audit row it
 * appended: "denied" for a 403, "failure" for any other refusal. With `unchanged`, also asserts
 * that count (say, of the rows the call would have stored) did not move.
 */
export async function refusedWith(
  db: Db,
  code: ErrorCode,
  call: () => Promise<unknown>,
  options: { unchanged?: () => Promise<number> } = {},
): Promise<[AppError, AuditRow]> {
  const { unchanged } = options;
  const before = unchanged ? await unchanged() : 0;
  const mark = await lastAuditId(db);
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError "${code}"`).toBeInstanceOf(AppError);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  expect(error.code).toBe(code);
  const row = await expectOneAuditRow(db, mark);
  expect(row.outcome).toBe(code === "forbidden" ? "denied" : "failure");
  if (unchanged) expect(await unchanged()).toBe(before);
  return [error, row];
}
