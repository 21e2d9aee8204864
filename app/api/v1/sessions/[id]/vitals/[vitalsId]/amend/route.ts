import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { amendVitals } from "@/lib/sessions/record-vitals";

export const POST = apiRoute(ops.amendVitals, async ({ db, actor, params, body }) => {
  const result = await amendVitals(db, actor, params.id, params.vitalsId, body);
  return new ApiResponse(result, 201);
});
