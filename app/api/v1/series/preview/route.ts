import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { previewSeries } from "@/lib/schedule/series-booking";

export const POST = apiRoute(ops.previewSeries, ({ db, actor, body }) =>
  previewSeries(db, actor, body),
);
