import "server-only";
import { and, eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { users, userSessions, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { clientAddress } from "@/lib/auth/options";
import { canOpenPage, type AppPath } from "@/lib/auth/permissions";
import { getAuthSecret } from "@/lib/auth/secret";
import { sessionClaims } from "@/lib/auth/session-cookie";
import {
  endUserSession,
  judgeSession,
  touchUserSession,
  TOUCH_EVERY_MS,
} from "@/lib/auth/user-sessions";
import { getDb } from "@/lib/db";
import { paths } from "@/lib/paths";

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  mustChangePassword: boolean;
  /** The sign-in this request belongs to (null only where no cookie is involved, in tests). */
  session: { id: string; createdAt: Date; lastSeenAt: Date } | null;
};

/**
 * The signed-in user, re-read from the database on every request together with the sign-in
 * session the cookie names, so that a deactivated account, a changed role, a sign-out elsewhere,
 * 15 minutes without activity or 12 hours since sign-in take effect at once, on every server.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const claims = await sessionClaims(
    (await cookies()).getAll(),
    getAuthSecret(),
    process.env.NEXTAUTH_URL,
  );
  if (!claims) return null;
  const { userId: id, sessionId } = claims;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      title: users.title,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      sessionCreatedAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      endedAt: userSessions.endedAt,
    })
    .from(users)
    .innerJoin(userSessions, and(eq(userSessions.id, sessionId), eq(userSessions.userId, users.id)))
    .where(eq(users.id, id))
    .limit(1);
  if (!row || !row.active) return null;
  const verdict = judgeSession(
    {
      id: sessionId,
      createdAt: row.sessionCreatedAt,
      lastSeenAt: row.lastSeenAt,
      endedAt: row.endedAt,
    },
    new Date(),
  );
  if (!verdict.valid) {
    if (verdict.reason === "idle" || verdict.reason === "expired") {
      await endUserSession(db, sessionId, { id: row.id, role: row.role }, verdict.reason);
    }
    return null;
  }
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    title: row.title,
    mustChangePassword: row.mustChangePassword,
    session: { id: sessionId, createdAt: row.sessionCreatedAt, lastSeenAt: row.lastSeenAt },
  };
});

/** The user did something: their idle clock starts again (one cheap write, at most every 20 s). */
export async function noteActivity(user: CurrentUser, now: Date = new Date()): Promise<void> {
  if (!user.session) return;
  if (now.getTime() - user.session.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  await touchUserSession(await getDb(), user.session.id, now);
}

export const requestAddress = cache(async (): Promise<string | null> => {
  const h = await headers();
  return clientAddress(Object.fromEntries(h.entries()));
});

/**
 * The guard every page calls first: signed-out visitors go to sign-in (and come back here
 * afterwards); signed-in users without the page's capability get the audited 403 page.
 */
export async function requirePage(page: AppPath, returnTo: string = page): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(paths.login(returnTo));
  // Opening a page is activity; the background refreshes of live boards (RSC requests) are not.
  if (!(await headers()).has("rsc")) await noteActivity(user);
  // A temporary password must be replaced before anything else opens.
  if (user.mustChangePassword && page !== "/account") {
    redirect(`${paths.account()}?change=required`);
  }
  if (!canOpenPage(user.role, page)) {
    await recordAudit(await getDb(), {
      actor: user,
      action: "page.open",
      entityType: "page",
      entityId: page,
      outcome: "denied",
      requestAddress: await requestAddress(),
    });
    forbidden();
  }
  return user;
}
