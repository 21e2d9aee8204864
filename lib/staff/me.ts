import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";

export async function describeMe(
  db: Db,
  actor: ActorContext,
): Promise<{ id: string; name: string; email: string; role: Role }> {
  const [me] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, actor.id))
    .limit(1);
  if (!me) throw new AppError("not_found", "Your account no longer exists.");
  return me;
}
