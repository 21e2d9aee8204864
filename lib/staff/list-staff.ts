import "server-only";
import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { StaffMember } from "@/lib/staff/staff-schemas";

export type StaffRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
};

export async function listStaff(db: Db, actor: ActorContext): Promise<StaffRow[]> {
  await authorize(db, actor, "users:manage", { action: "user.list", entityType: "user" });
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      title: users.title,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      lockedUntil: users.lockedUntil,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .orderBy(asc(users.role), asc(users.name));
  await recordAudit(db, {
    actor,
    action: "user.list",
    entityType: "user",
    outcome: "success",
    requestAddress: actor.requestAddress,
  });
  return rows;
}

/** The API's view of a staff account: no lockout or sign-in times. */
export function staffMemberView(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, email: row.email, role: row.role, active: row.active };
}
