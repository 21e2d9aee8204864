import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so the signing secret is read at run time, never at build.
async function handler(request: NextRequest, context: RouteContext): Promise<Response> {
  const params = await context.params;
  return NextAuth(request, { params }, authOptions());
}

export { handler as GET, handler as POST };
