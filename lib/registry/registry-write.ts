/** The audited write every registry use case runs through, and the database errors it names. */
import "server-only";
import type { Db, Tx } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type Audited<T> = {
  result: T;
  entityId: string;
  patientId?: string | null;
  /** Field names and flags only: an audit row never carries a patient's values. */
  detail?: Record<string, unknown>;
};

export type WriteAttempt = {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
};

export type WriteOptions = {
  /** Run the transaction again after this error (for example a generated number collided). */
  retry?: (error: unknown, attempt: number) => boolean;
  /** An AppError for a database error the caller recognises (a unique index, say). */
  translate?: (error: unknown) => AppError | null;
};

/**
 * The unique index a failed statement violated, on PGlite (`constraint`) and on postgres.js
 * (`constraint_name`), looking through Drizzle's wrapper; null for any other error.
 */
export function violatedUniqueIndex(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && current.code === "23505") {
      if ("constraint_name" in current && typeof current.constraint_name === "string") {
        return current.constraint_name;
      }
      if ("constraint" in current && typeof current.constraint === "string") {
        return current.constraint;
      }
      return "";
    }
    current = "cause" in current ? current.cause : null;
  }
  return null;
}

function detailFields(details: AppError["details"]): string[] | undefined {
  return Array.isArray(details) ? details.map((d) => d.field) : undefined;
}

/**
 * Checks the capability (a refusal is audited as denied by `authorize`), then runs the change
 * and its success audit row in one transaction. A refused entry is audited as a failure outside
 * the rolled-back transaction, so every call leaves exactly one audit row.
 */
export async function withRegistryWrite<T>(
  db: Db,
  actor: ActorContext,
  capability: Capability,
  attempt: WriteAttempt,
  change: (tx: Tx) => Promise<Audited<T>>,
  options: WriteOptions = {},
): Promise<T> {
  await authorize(db, actor, capability, attempt);
  try {
    for (let run = 1; ; run++) {
      try {
        return await db.transaction(async (tx) => {
          const done = await change(tx);
          await recordAudit(tx, {
            actor,
            action: attempt.action,
            entityType: attempt.entityType,
            entityId: done.entityId,
            patientId: done.patientId ?? null,
            outcome: "success",
            requestAddress: actor.requestAddress,
            detail: done.detail,
          });
          return done.result;
        });
      } catch (error) {
        if (options.retry?.(error, run)) continue;
        throw options.translate?.(error) ?? error;
      }
    }
  } catch (error) {
    if (error instanceof AppError) {
      await recordAudit(db, {
        actor,
        ...attempt,
        outcome: "failure",
        requestAddress: actor.requestAddress,
        detail: { code: error.code, fields: detailFields(error.details) },
      });
    }
    throw error;
  }
}
