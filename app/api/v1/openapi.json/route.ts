import { NextResponse } from "next/server";
import { API_HEADERS, requestIdOf } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/**
 * The API's description, built once per process and answered like every other API answer (the
 * page proxy does not run for /api/v1): a request id, never cached, and next.config.ts's policy.
 */
export function GET(request: Request): NextResponse {
  document ??= buildOpenApiDocument();
  return NextResponse.json(document, {
    headers: { ...API_HEADERS, "X-Request-Id": requestIdOf(request) },
  });
}
