import "server-only";
import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { can, type Capability } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** Who is acting, as every use case and query receives it. */
export type ActorContext = {
  id: string;
  role: Role;
  email?: string;
  requestAddress?: string | null;
};

export type AccessAttempt = {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
};

/** Refuses (audited, 403) unless the matrix gives the actor's role this capability. */
export async function authorize(
  db: Db,
  actor: ActorContext,
  capability: Capability,
  attempt: AccessAttempt,
): Promise<void> {
  if (can(actor.role, capability)) return;
  await recordAudit(db, {
    actor,
    ...attempt,
    outcome: "denied",
    requestAddress: actor.requestAddress,
    detail: { capability },
  });
  throw new AppError("forbidden", "You are not permitted to do this.");
}
