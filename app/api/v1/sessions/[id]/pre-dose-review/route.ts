import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { getCurrentUser } from "@/lib/auth/current-user";
import { reviewPreDose } from "@/lib/sessions/record-dose";

export const POST = apiRoute(ops.reviewPreDose, async ({ db, actor, params, body }) => {
  const user = await getCurrentUser();
  return reviewPreDose(db, { ...actor, name: user?.name ?? actor.email ?? "" }, params.id, body);
});
