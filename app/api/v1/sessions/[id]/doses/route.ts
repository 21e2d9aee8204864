import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { parseIdempotencyKey } from "@/lib/validation";
import { recordDose } from "@/lib/sessions/record-dose";

export const POST = apiRoute(ops.recordDose, async ({ db, actor, params, body, request }) => {
  const idempotencyKey = parseIdempotencyKey(request.headers.get("idempotency-key"));
  const { replayed, ...result } = await recordDose(db, actor, params.id, body, { idempotencyKey });
  return new ApiResponse(result, 201, replayed ? { "Idempotent-Replayed": "true" } : {});
});
