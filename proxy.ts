import { getToken } from "next-auth/jwt";
import { decodeSessionToken } from "@/lib/auth/jwt-codec";
import { NextResponse, type NextRequest } from "next/server";
import { getAuthSecret } from "@/lib/auth/secret";
import {
  contentSecurityPolicy,
  CROSS_SITE_REFUSAL,
  isCrossSiteRequest,
  STATIC_SECURITY_HEADERS,
} from "@/lib/security-headers";

const PUBLIC_PREFIXES = ["/login", "/api/"];
const REQUEST_ID = /^[\w-]{8,64}$/;

/**
 * Runs before every page request (and next-auth's). It decides no access — the permission matrix inside
 * each page and handler does — but it:
 * - gives the request an id (kept from a proxy in front when well-formed) that logs and error
 *   pages show;
 * - refuses writes sent from another site's page (cross-site request forgery), server actions
 *   included;
 * - sends signed-out visitors of pages to sign-in, remembering where they were going;
 * - sets the security headers: a per-request CSP nonce, no framing, no caching of anything
 *   that may carry patient data.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const given = request.headers.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, production: process.env.NODE_ENV === "production" });

  let response: NextResponse;
  if (isCrossSiteRequest(request)) {
    response = NextResponse.json(
      {
        error: {
          code: "forbidden",
          message: CROSS_SITE_REFUSAL,
          requestId,
        },
      },
      { status: 403 },
    );
  } else if (
    !PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix)) &&
    !(await getToken({ req: request, secret: getAuthSecret(), decode: decodeSessionToken }))
  ) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("x-request-id", requestId);
    forwarded.set("x-nonce", nonce);
    // Next.js reads the nonce for its own scripts from the request's CSP header.
    forwarded.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  }

  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
    response.headers.set(name, value);
  }
  response.headers.set("Cache-Control", "private, no-store, max-age=0");
  return response;
}

/**
 * Not for the JSON API (/api/v1): running the proxy cost each API request about a quarter of
 * its server time, and the API's route wrapper (lib/api/handler.ts) does all of the above that
 * an API answer needs — the request id, cross-site writes, no caching and a policy of its own.
 */
export const config = {
  matcher: [
    "/((?!api/v1/|_next/static|_next/image|favicon.ico|icon.svg|.*\\.(?:png|svg|ico|woff2?)$).*)",
  ],
};
