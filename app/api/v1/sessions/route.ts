import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { config } from "@/lib/config";
import { clinicDayRange } from "@/lib/format";
import { listAgenda } from "@/lib/sessions/agenda";

export const GET = apiRoute(ops.listSessions, async ({ db, actor, query }) => {
  const timeZone = config().clinicTimeZone;
  // A date is a clinic calendar day; noon avoids the edges of a daylight-saving change.
  const anchor = query.date ? new Date(`${query.date}T12:00:00Z`) : new Date();
  const { start, end } = clinicDayRange(anchor, timeZone, query.days);
  const rows = await listAgenda(db, actor, { from: start, to: end, mine: query.mine === "true" });
  return { data: rows.map(({ nurseId: _n, psychiatristId: _p, ...row }) => row) };
});
