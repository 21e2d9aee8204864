import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
const MINUTE_MS = 60_000;

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export type SignedInUser = { id: string; name: string; email: string; role: Role };

/**
 * Checks credentials. Every outcome is audited; every refusal looks the same to the caller
 * (unknown email, wrong password, locked or deactivated account) so it reveals nothing.
 */
export async function authenticate(
  db: Db,
  input: unknown,
  requestAddress: string | null,
  now: Date = new Date(),
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const refuse = async (reason: string, actor: { id: string; role: Role } | null) => {
    await recordAudit(db, {
      actor,
      actorEmail: email,
      action: "auth.sign-in",
      entityType: "user",
      entityId: actor?.id ?? null,
      outcome: "failure",
      requestAddress,
      detail: { reason },
    });
    return null;
  };

  if (!user) {
    await verifyAgainstDummy(password);
    return refuse("unknown-email", null);
  }
  const actor = { id: user.id, role: user.role };
  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyAgainstDummy(password);
    return refuse("locked", actor);
  }

  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid) {
    const withinWindow =
      user.lastFailedLoginAt !== null &&
      now.getTime() - user.lastFailedLoginAt.getTime() < LOCKOUT_MINUTES * MINUTE_MS;
    const failures = withinWindow ? user.failedLoginCount + 1 : 1;
    const lock = failures >= MAX_FAILED_SIGN_INS;
    await db
      .update(users)
      .set({
        failedLoginCount: lock ? 0 : failures,
        lastFailedLoginAt: now,
        lockedUntil: lock
          ? new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE_MS)
          : user.lockedUntil,
      })
      .where(eq(users.id, user.id));
    return refuse(lock ? "wrong-password-locked" : "wrong-password", actor);
  }
  if (!user.active) return refuse("deactivated", actor);

  await db
    .update(users)
    .set({ failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null, lastSignInAt: now })
    .where(eq(users.id, user.id));
  await recordAudit(db, {
    actor,
    action: "auth.sign-in",
    entityType: "user",
    entityId: user.id,
    outcome: "success",
    requestAddress,
  });
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}
