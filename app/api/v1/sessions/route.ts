import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { config } from "@/lib/config";
import { clinicDayRange } from "@/lib/clinic-day";
import { bookSession } from "@/lib/schedule/booking";
import { listAgenda } from "@/lib/sessions/agenda";

export const GET = apiRoute(ops.listSessions, async ({ db, actor, query }) => {
  const timeZone = config().clinicTimeZone;
  // A date is a clinic calendar day; noon avoids the edges of a daylight-saving change.
  const anchor = query.date ? new Date(`${query.date}T12:00:00Z`) : new Date();
  const range =
    query.from && query.to
      ? { start: new Date(query.from), end: new Date(query.to) }
      : clinicDayRange(anchor, timeZone, query.days);
  const rows = await listAgenda(db, actor, {
    from: range.start,
    to: range.end,
    mine: query.mine === "true",
    roomId: query.roomId,
    staffId: query.staffId,
  });
  return { data: rows };
});

export const POST = apiRoute(ops.bookSession, async ({ db, actor, body }) => {
  return new ApiResponse(await bookSession(db, actor, body), 201);
});
