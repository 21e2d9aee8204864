import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { listAssessments, recordAssessment } from "@/lib/assessments/record-assessment";
import { parseIdempotencyKey } from "@/lib/validation";

export const GET = apiRoute(ops.listAssessments, async ({ db, actor, params, query }) => ({
  data: await listAssessments(db, actor, params.id, query),
}));

export const POST = apiRoute(ops.recordAssessment, async ({ db, actor, params, body, request }) => {
  const idempotencyKey = parseIdempotencyKey(request.headers.get("idempotency-key"));
  const { replayed, ...result } = await recordAssessment(db, actor, params.id, body, {
    idempotencyKey,
  });
  return new ApiResponse(result, 201, replayed ? { "Idempotent-Replayed": "true" } : {});
});
