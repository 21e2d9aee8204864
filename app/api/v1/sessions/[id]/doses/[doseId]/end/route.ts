import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { endInfusion } from "@/lib/sessions/record-dose";

export const POST = apiRoute(ops.endInfusion, ({ db, actor, params, body }) =>
  endInfusion(db, actor, params.id, params.doseId, body.endedAt),
);
