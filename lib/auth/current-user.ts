import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authOptions, clientAddress } from "@/lib/auth/options";
import { canOpenPage, type AppPath } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { paths } from "@/lib/paths";

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  mustChangePassword: boolean;
};

/**
 * The signed-in user, re-read from the database on every request so that a deactivated
 * account or a changed role takes effect at once, not when the token expires.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
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
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row || !row.active) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    title: row.title,
    mustChangePassword: row.mustChangePassword,
  };
});

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
