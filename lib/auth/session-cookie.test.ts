import { encode, getToken } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { sessionClaims, sessionCookieName, sessionTokenFrom } from "@/lib/auth/session-cookie";

const secret = "a-test-secret-of-reasonable-length-0123456789";
const claims = {
  uid: "user-1",
  sid: "session-1",
  role: "nurse" as const,
  email: "nurse@example.test",
};
const HTTP = "http://127.0.0.1:3000";
const HTTPS = "https://kapstone.example.test";

type Cookie = { name: string; value: string };

/** What next-auth itself reads from the same cookies, for comparison. */
async function nextAuthReads(cookies: Cookie[], siteUrl: string) {
  const request = new NextRequest(`${siteUrl}/patients`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
  });
  return getToken({
    req: request,
    secret,
    secureCookie: siteUrl.startsWith("https://"),
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  });
}

describe("the session cookie", () => {
  it("is named as next-auth names it, with the secure prefix over HTTPS", () => {
    expect(sessionCookieName(HTTP)).toBe("next-auth.session-token");
    expect(sessionCookieName(HTTPS)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(undefined)).toBe("next-auth.session-token");
  });

  it("names the user and sign-in session next-auth's own reader finds in it", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    for (const siteUrl of [HTTP, HTTPS]) {
      const jar = [
        { name: "other", value: "x" },
        { name: sessionCookieName(siteUrl), value: token },
      ];
      expect(await nextAuthReads(jar, siteUrl)).toMatchObject({ uid: "user-1", sid: "session-1" });
      expect(await sessionClaims(jar, secret, siteUrl)).toEqual({
        userId: "user-1",
        sessionId: "session-1",
      });
    }
  });

  it("joins a token split over numbered cookies in their order", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const name = sessionCookieName(HTTP);
    const third = Math.ceil(token.length / 3);
    const jar = [2, 0, 1].map((i) => ({
      name: `${name}.${i}`,
      value: token.slice(i * third, (i + 1) * third),
    }));
    expect(sessionTokenFrom(jar, name)).toBe(token);
    expect(await nextAuthReads(jar, HTTP)).toMatchObject({ uid: "user-1" });
    expect(await sessionClaims(jar, secret, HTTP)).toEqual({
      userId: "user-1",
      sessionId: "session-1",
    });
  });

  it("names nobody when the cookie is missing, altered, expired, of another secret or of another site", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const expired = await encode({ token: claims, secret, maxAge: -60 });
    const foreign = await encode({ token: claims, secret: `${secret}-other`, maxAge: 3600 });
    const altered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const name = sessionCookieName(HTTP);
    const jars: Cookie[][] = [
      [],
      [{ name, value: "" }],
      [{ name, value: altered }],
      [{ name, value: expired }],
      [{ name, value: foreign }],
      // An HTTPS site reads only the secure cookie.
      [{ name: sessionCookieName(HTTP), value: token }],
    ];
    for (const [i, jar] of jars.entries()) {
      const siteUrl = i === jars.length - 1 ? HTTPS : HTTP;
      expect(await nextAuthReads(jar, siteUrl)).toBeNull();
      expect(await sessionClaims(jar, secret, siteUrl)).toBeNull();
    }
  });

  it("reads only the cookie's own name and its numbered parts, where next-auth takes any name it prefixes", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const name = sessionCookieName(HTTP);
    for (const stray of [`${name}-x`, `${name}.first`]) {
      expect(await sessionClaims([{ name: stray, value: token }], secret, HTTP)).toBeNull();
    }
  });

  it("names nobody when the token lacks the user or the sign-in session", async () => {
    const name = sessionCookieName(HTTP);
    for (const partial of [{ uid: "user-1" }, { sid: "session-1" }, { uid: "", sid: "s" }]) {
      const token = await encode({ token: partial, secret, maxAge: 3600 });
      expect(await sessionClaims([{ name, value: token }], secret, HTTP)).toBeNull();
    }
  });
});
