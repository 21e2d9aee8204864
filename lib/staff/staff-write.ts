/** The shared frame of every staff-account write: permission, one transaction, one audit row. */
import "server-only";
import type { Db, Tx } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export const EMAIL_TAKEN = "An account with this email already exists.";

export type StaffWriteDone<T> = {
  result: T;
  entityId: string;
  /** What changed, for the audit row. Never a password or a hash. */
  detail?: Record<string, unknown>;
};

export type StaffWriteAttempt = {
  action: string;
  entityId?: string | null;
  /** `null` for a use case every signed-in user may call on their own account. */
  capability: Capability | null;
};

/**
 * Runs one staff-account write: the capability check (a refusal is audited as denied), the
 * preparation (parse the input, hash a password), then one transaction holding the change and
 * its success row. A refusal inside (bad input, conflict,
 * wrong password) rolls the change back and is audited as a failure outside the transaction,
 * so every call leaves exactly one audit row.
 */
export async function withStaffWrite<P, T>(
  db: Db,
  actor: ActorContext,
  attempt: StaffWriteAttempt,
  prepare: () => Promise<P>,
  change: (tx: Tx, prepared: P) => Promise<StaffWriteDone<T>>,
): Promise<T> {
  const { action, capability } = attempt;
  const entityId = attempt.entityId ?? null;
  if (capability) await authorize(db, actor, capability, { action, entityType: "user", entityId });
  try {
    // Parsing and password hashing (slow by design) happen before the transaction opens.
    const prepared = await prepare();
    return await db.transaction(async (tx) => {
      const done = await change(tx, prepared);
      await recordAudit(tx, {
        actor,
        action,
        entityType: "user",
        entityId: done.entityId,
        outcome: "success",
        requestAddress: actor.requestAddress,
        detail: done.detail,
      });
      return done.result;
    });
  } catch (raw) {
    const error = isUniqueViolation(raw)
      ? new AppError("conflict", EMAIL_TAKEN, [{ field: "email", message: "already in use" }])
      : raw;
    if (error instanceof AppError) {
      await recordAudit(db, {
        actor,
        action,
        entityType: "user",
        entityId,
        outcome: "failure",
        requestAddress: actor.requestAddress,
        detail: { code: error.code, message: error.message },
      });
    }
    throw error;
  }
}

/**
 * PostgreSQL's unique_violation (23505), as postgres.js or PGlite raise it, possibly wrapped by
 * Drizzle. Only users.email is unique among the columns these use cases write.
 */
function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    if (Reflect.get(e, "code") === "23505") return true;
    e = Reflect.get(e, "cause");
  }
  return false;
}
