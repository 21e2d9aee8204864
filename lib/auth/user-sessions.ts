import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

/** A session ends after this long without activity (HIPAA automatic log-off). */
export const IDLE_LIMIT_MS = 15 * 60_000;
/** …and after this long whatever happens: one working day. */
export const ABSOLUTE_LIMIT_MS = 12 * 60 * 60_000;
/** Activity is written at most this often per session, to keep reads cheap. */
export const TOUCH_EVERY_MS = 20_000;

export type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
};

export type SessionVerdict =
  { valid: true } | { valid: false; reason: "ended" | "idle" | "expired" | "missing" };

/** Pure: is this session still open at `now`? */
export function judgeSession(row: SessionRow | null, now: Date): SessionVerdict {
  if (!row) return { valid: false, reason: "missing" };
  if (row.endedAt) return { valid: false, reason: "ended" };
  if (now.getTime() - row.createdAt.getTime() >= ABSOLUTE_LIMIT_MS) {
    return { valid: false, reason: "expired" };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= IDLE_LIMIT_MS) {
    return { valid: false, reason: "idle" };
  }
  return { valid: true };
}

/**
 * When the session ends if nothing more happens, just after activity was noted at `now`
 * (the stored time moves only every TOUCH_EVERY_MS, so it may be up to that much older).
 */
export function sessionDeadlines(
  row: { createdAt: Date; lastSeenAt: Date },
  now: Date,
): { idleAt: string; expiresAt: string } {
  const seen = now.getTime() - row.lastSeenAt.getTime() < TOUCH_EVERY_MS ? row.lastSeenAt : now;
  return {
    idleAt: new Date(seen.getTime() + IDLE_LIMIT_MS).toISOString(),
    expiresAt: new Date(row.createdAt.getTime() + ABSOLUTE_LIMIT_MS).toISOString(),
  };
}

export async function startUserSession(
  db: Db,
  userId: string,
  requestAddress: string | null,
  now: Date = new Date(),
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId, createdAt: now, lastSeenAt: now, requestAddress })
    .returning({ id: userSessions.id });
  if (!row) throw new Error("session row not created");
  return row.id;
}

/** Records activity: the idle clock starts again (written at most every TOUCH_EVERY_MS). */
export async function touchUserSession(
  db: Db,
  sessionId: string,
  now: Date = new Date(),
): Promise<void> {
  await db
    .update(userSessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(userSessions.id, sessionId),
        isNull(userSessions.endedAt),
        lt(userSessions.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS)),
      ),
    );
}

/** Ends a session once (sign-out, idle or expiry), with its audit row. */
export async function endUserSession(
  db: Db,
  sessionId: string,
  actor: { id: string; role: Role },
  reason: "sign-out" | "idle" | "expired",
  requestAddress: string | null = null,
  now: Date = new Date(),
): Promise<void> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  if (ended.length === 0) return;
  await recordAudit(db, {
    actor,
    action: reason === "sign-out" ? "auth.sign-out" : "auth.session-end",
    entityType: "user",
    entityId: actor.id,
    outcome: "success",
    requestAddress,
    detail: { reason },
  });
}
