import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { getSessionDetail } from "@/lib/sessions/session-detail";

export const GET = apiRoute(ops.getSession, async ({ db, actor, params }) => {
  const view = await getSessionDetail(db, actor, params.id);
  return view.detail;
});
