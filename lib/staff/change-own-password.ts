/**
 * Any signed-in staff member changes their own password: after a reset, at first sign-in with a
 * temporary password, or whenever they choose.
 */
import "server-only";
import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { passwordChangeInputSchema, type PasswordChanged } from "@/lib/staff/staff-schemas";
import { withStaffWrite } from "@/lib/staff/staff-write";
import { parseInput } from "@/lib/validation";

const ACTION = "user.change-password";
const WRONG_CURRENT = "Your current password is not correct.";
const MINUTE_MS = 60_000;
// Below this an email's name part ("sam") is too common a string to forbid.
const MIN_LOCAL_PART_LENGTH = 4;

export async function changeOwnPassword(
  db: Db,
  actor: ActorContext,
  rawInput: unknown,
  now: Date = new Date(),
): Promise<PasswordChanged> {
  return withStaffWrite(
    db,
    actor,
    { action: ACTION, entityId: actor.id, capability: null },
    async () => {
      const input = parseInput(passwordChangeInputSchema, rawInput);
      // A stolen session must not become a way round the sign-in lockout.
      if ((await recentWrongPasswords(db, actor.id, now)) >= MAX_FAILED_SIGN_INS) {
        throw new AppError(
          "rate_limited",
          `Too many attempts with a wrong current password. Wait ${LOCKOUT_MINUTES} minutes and try again.`,
        );
      }
      const [user] = await db
        .select({ email: users.email, passwordHash: users.passwordHash, active: users.active })
        .from(users)
        .where(eq(users.id, actor.id))
        .limit(1);
      if (!user?.active) throw new AppError("unauthenticated", "Sign in again to continue.");
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new AppError("unprocessable", WRONG_CURRENT, [
          { field: "currentPassword", message: "not correct" },
        ]);
      }
      refuseWeakPassword(input.newPassword, input.currentPassword, user.email);
      return { verifiedHash: user.passwordHash, newHash: await hashPassword(input.newPassword) };
    },
    async (tx, { verifiedHash, newHash }) => {
      const [current] = await tx
        .select({ passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword })
        .from(users)
        .where(eq(users.id, actor.id))
        .for("update");
      // Re-read under the lock: a reset by an admin in between must not be silently overwritten.
      if (current?.passwordHash !== verifiedHash) {
        throw new AppError("conflict", "Your password was changed meanwhile. Sign in again.");
      }
      await tx
        .update(users)
        .set({ passwordHash: newHash, mustChangePassword: false, updatedAt: now })
        .where(eq(users.id, actor.id));
      return {
        result: { changed: true },
        entityId: actor.id,
        detail: { wasTemporary: current.mustChangePassword },
      };
    },
  );
}

/** Rules a length check cannot express: new, and not built from the account's own email. */
function refuseWeakPassword(newPassword: string, currentPassword: string, email: string): void {
  const refuse = (message: string): never => {
    throw new AppError("unprocessable", message, [{ field: "newPassword", message }]);
  };
  if (newPassword === currentPassword) {
    refuse("Choose a new password that is different from the current one.");
  }
  const lowered = newPassword.toLowerCase();
  const localPart = email.split("@")[0] ?? "";
  if (
    lowered.includes(email) ||
    (localPart.length >= MIN_LOCAL_PART_LENGTH && lowered.includes(localPart))
  ) {
    refuse("The new password must not contain your email address.");
  }
}

async function recentWrongPasswords(db: Db, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorId, userId),
        eq(auditEvents.action, ACTION),
        eq(auditEvents.outcome, "failure"),
        gte(auditEvents.at, new Date(now.getTime() - LOCKOUT_MINUTES * MINUTE_MS)),
        sql`${auditEvents.detail}->>'message' = ${WRONG_CURRENT}`,
      ),
    );
  return row?.n ?? 0;
}
