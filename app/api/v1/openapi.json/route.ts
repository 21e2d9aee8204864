import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET(): NextResponse {
  return NextResponse.json(buildOpenApiDocument());
}
