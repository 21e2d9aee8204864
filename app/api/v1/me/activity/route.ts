import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { sessionDeadlines } from "@/lib/auth/user-sessions";
import { AppError } from "@/lib/errors";

export const POST = apiRoute(ops.recordActivity, async ({ user }) => {
  if (!user.session) throw new AppError("unauthenticated", "Sign in to use the Kapstone API.");
  return sessionDeadlines(user.session, new Date());
});
