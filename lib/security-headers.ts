/**
 * The headers every Kapstone response carries, in one place: the proxy sets them on pages,
 * the API's route wrapper on its answers, next.config.ts on everything (static files too).
 * Pure, so the policies themselves are unit-tested.
 */
export type SecurityHeaderOptions = { nonce: string; production: boolean };

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load the app's
 * chunks); no eval in production (React's development build needs it); nothing may frame
 * Kapstone; forms post only here; no plugins.
 */
export function contentSecurityPolicy({ nonce, production }: SecurityHeaderOptions): string {
  const script = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  if (!production) script.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${script.join(" ")}`,
    // Inline style attributes (charts, layout) carry no script; nonces cannot cover them.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `manifest-src 'self'`,
    `worker-src 'self' blob:`,
  ].join("; ");
}

/**
 * The policy of a JSON answer: nothing in it may load or run, and nothing may frame it. (A
 * page's policy needs a nonce per response; an API answer is never a page.)
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers that do not depend on the request: also sent with static files. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/**
 * Is a state-changing request from a page of another site? Browsers send `Origin` with every
 * cross-origin POST and `Sec-Fetch-Site` with every request; a request with neither comes
 * from a program, not a browser riding on the user's cookie, and is judged by its credentials.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { get(name: string): string | null },
  host: string,
): boolean {
  if (isSafeMethod(method)) return false;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** What a refused cross-site write is told, by the proxy (pages) and the API alike. */
export const CROSS_SITE_REFUSAL = "Requests from other sites are refused.";

/** isCrossSiteWrite for a request, judged against the host it was sent to (as a proxy saw it). */
export function isCrossSiteRequest(request: {
  method: string;
  headers: { get(name: string): string | null };
}): boolean {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "";
  return isCrossSiteWrite(request.method, request.headers, host);
}
