import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { bookSeries } from "@/lib/schedule/series-booking";

export const POST = apiRoute(ops.bookSeries, async ({ db, actor, body }) => {
  return new ApiResponse(await bookSeries(db, actor, body), 201);
});
