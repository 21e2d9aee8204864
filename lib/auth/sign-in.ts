import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents, users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * Failed sign-ins from one client address within LOCKOUT_MINUTES, over all accounts, before
 * that address is refused outright: stops one machine guessing across many accounts, which the
 * per-account lockout alone would allow. Counted from the audit log, so every server agrees.
 */
export const MAX_FAILURES_PER_ADDRESS = 20;
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

  if (
    requestAddress &&
    (await recentFailuresFrom(db, requestAddress)) >= MAX_FAILURES_PER_ADDRESS
  ) {
    await verifyAgainstDummy(password);
    await recordAudit(db, {
      actor: null,
      actorEmail: email,
      action: "auth.sign-in",
      entityType: "user",
      outcome: "failure",
      requestAddress,
      detail: { reason: "address-throttled" },
    });
    return null;
  }

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
    // Counted by the database in one statement: failures arriving together (on several app
    // servers, or one) each add one, where read-then-write would let them overwrite each other.
    const windowStart = sql.param(
      new Date(now.getTime() - LOCKOUT_MINUTES * MINUTE_MS),
      users.lastFailedLoginAt,
    );
    const lockUntil = sql.param(
      new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE_MS),
      users.lockedUntil,
    );
    const failures = sql`(case when ${users.lastFailedLoginAt} > ${windowStart} then ${users.failedLoginCount} + 1 else 1 end)`;
    const lock = sql`${failures} >= ${MAX_FAILED_SIGN_INS}`;
    const [counted] = await db
      .update(users)
      .set({
        failedLoginCount: sql`case when ${lock} then 0 else ${failures} end`,
        lastFailedLoginAt: now,
        lockedUntil: sql`case when ${lock} then ${lockUntil} else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLoginCount: users.failedLoginCount });
    // The count starts again at 0 only when this failure locked the account.
    const locked = counted?.failedLoginCount === 0;
    return refuse(locked ? "wrong-password-locked" : "wrong-password", actor);
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

/** Failed sign-ins from this address in the last LOCKOUT_MINUTES (database clock). */
export async function recentFailuresFrom(db: Db, requestAddress: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.requestAddress, requestAddress),
        // Literals, not parameters: they must match the partial index's predicate.
        sql`${auditEvents.action} = 'auth.sign-in' and ${auditEvents.outcome} = 'failure'`,
        gt(auditEvents.at, sql`now() - make_interval(mins => ${LOCKOUT_MINUTES})`),
      ),
    );
  return row?.n ?? 0;
}
