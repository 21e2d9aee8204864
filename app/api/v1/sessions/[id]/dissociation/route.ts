import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { parseIdempotencyKey } from "@/lib/validation";
import { recordDissociation } from "@/lib/sessions/session-events";

export const POST = apiRoute(
  ops.recordDissociation,
  async ({ db, actor, params, body, request }) => {
    const idempotencyKey = parseIdempotencyKey(request.headers.get("idempotency-key"));
    const { replayed, ...result } = await recordDissociation(db, actor, params.id, body, {
      idempotencyKey,
    });
    return new ApiResponse(result, 201, replayed ? { "Idempotent-Replayed": "true" } : {});
  },
);
