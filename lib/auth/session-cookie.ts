/**
 * Who a request's session cookie says is signed in, read straight from the cookie.
 *
 * next-auth's `getServerSession` answers the same question by running its whole session route
 * for every request: option checks, a CSRF token, the callbacks, and a freshly encrypted
 * token that a server component or route handler cannot even send back. Reading the cookie
 * costs one decryption. What the cookie names is only a claim: `getCurrentUser` still checks
 * the account and the sign-in session in the database on every request.
 */
import { decodeSessionToken } from "@/lib/auth/jwt-codec";

export type SessionClaims = { userId: string; sessionId: string };

type Cookie = { name: string; value: string };

/** next-auth's cookie name: the `__Secure-` form when the site is served over HTTPS. */
export function sessionCookieName(siteUrl: string | undefined): string {
  return siteUrl?.startsWith("https://")
    ? "__Secure-next-auth.session-token"
    : "next-auth.session-token";
}

/**
 * The token as next-auth stores it: whole in one cookie, or — when too long for one — split
 * over `<name>.0`, `<name>.1`, … and joined in order.
 */
export function sessionTokenFrom(cookies: readonly Cookie[], name: string): string | null {
  const whole = cookies.find((cookie) => cookie.name === name);
  if (whole) return whole.value || null;
  const chunks = cookies
    .map((cookie) => ({ cookie, index: chunkIndex(cookie.name, name) }))
    .filter((chunk): chunk is { cookie: Cookie; index: number } => chunk.index !== null)
    .sort((a, b) => a.index - b.index);
  return chunks.length > 0 ? chunks.map((chunk) => chunk.cookie.value).join("") : null;
}

function chunkIndex(cookieName: string, name: string): number | null {
  if (!cookieName.startsWith(`${name}.`)) return null;
  const suffix = cookieName.slice(name.length + 1);
  return /^\d+$/.test(suffix) ? Number(suffix) : null;
}

/**
 * The user and sign-in session a cookie jar names, or null when there is no session cookie or
 * it is altered, expired or made with another secret.
 */
export async function sessionClaims(
  cookies: readonly Cookie[],
  secret: string,
  siteUrl: string | undefined,
): Promise<SessionClaims | null> {
  const token = sessionTokenFrom(cookies, sessionCookieName(siteUrl));
  if (!token) return null;
  let claims: Record<string, unknown> | null;
  try {
    claims = await decodeSessionToken({ token, secret });
  } catch {
    return null;
  }
  const userId = claims?.uid;
  const sessionId = claims?.sid;
  return typeof userId === "string" && typeof sessionId === "string" && userId && sessionId
    ? { userId, sessionId }
    : null;
}
