/**
 * Sign-in and sign-out from the browser, through next-auth's own endpoints (/api/auth/csrf,
 * /api/auth/callback/credentials, /api/auth/signout) — the two calls Kapstone needs, without
 * next-auth's client library, which would add about 9 kB of compressed script to every page.
 * The server side (lib/auth/options.ts) is unchanged: same cookies, same sign-out event.
 */

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { credentials: "same-origin" });
  const body: { csrfToken?: unknown } = await res.json();
  if (typeof body.csrfToken !== "string") throw new Error("No sign-in token from the server");
  return body.csrfToken;
}

async function postAuthForm(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" }),
  });
}

/**
 * True when the email and password open a session (the session cookie is then set). Every
 * refusal — wrong password, unknown email, locked account, throttled — answers false alike.
 * Throws only when the server cannot be reached.
 */
export async function signInWithPassword(email: string, password: string): Promise<boolean> {
  const res = await postAuthForm("/api/auth/callback/credentials", {
    email,
    password,
    callbackUrl: window.location.href,
  });
  if (!res.ok) return false;
  const body: { url?: unknown } = await res.json();
  // next-auth answers a URL carrying ?error=… when it refused the credentials.
  return (
    typeof body.url === "string" &&
    !new URL(body.url, window.location.href).searchParams.has("error")
  );
}

let signingOut = false;

/** True from the moment this page starts signing the user out (see AutoRefresh). */
export function isSigningOut(): boolean {
  return signingOut;
}

/** Ends the session on the server, then leaves for `callbackUrl` (a path on this site). */
export async function signOutTo(callbackUrl: string): Promise<void> {
  signingOut = true;
  try {
    await postAuthForm("/api/auth/signout", { callbackUrl });
  } catch {
    // Offline: the page must not stay open on patient data all the same; the server's own idle
    // limit ends the session.
  }
  window.location.assign(callbackUrl);
}
