import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { signDoseOrder } from "@/lib/courses/treatment-plan";

export const POST = apiRoute(ops.signDoseOrder, async ({ db, actor, params, body }) => {
  return new ApiResponse(await signDoseOrder(db, actor, params.id, body), 201);
});
