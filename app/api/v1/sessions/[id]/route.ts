import { apiRoute } from "@/lib/api/handler";
import { rescheduleSession } from "@/lib/schedule/booking";
import { ops } from "@/lib/api/operations";
import { getSessionDetail } from "@/lib/sessions/session-detail";

export const GET = apiRoute(ops.getSession, async ({ db, actor, params }) => {
  const view = await getSessionDetail(db, actor, params.id);
  return view.detail;
});

export const PATCH = apiRoute(ops.rescheduleSession, ({ db, actor, params, body }) =>
  rescheduleSession(db, actor, params.id, body),
);
