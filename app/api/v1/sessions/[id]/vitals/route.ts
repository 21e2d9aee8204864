import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { parseIdempotencyKey } from "@/lib/validation";
import { recordVitals } from "@/lib/sessions/record-vitals";
import { listSessionVitals } from "@/lib/sessions/session-detail";

export const GET = apiRoute(ops.listVitals, async ({ db, actor, params }) => ({
  data: await listSessionVitals(db, actor, params.id),
}));

export const POST = apiRoute(ops.recordVitals, async ({ db, actor, params, body, request }) => {
  const idempotencyKey = parseIdempotencyKey(request.headers.get("idempotency-key"));
  const { replayed, ...result } = await recordVitals(db, actor, params.id, body, {
    idempotencyKey,
  });
  return new ApiResponse(result, 201, replayed ? { "Idempotent-Replayed": "true" } : {});
});
