import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt-codec";
import { getAuthSecret } from "@/lib/auth/secret";
import { authenticate } from "@/lib/auth/sign-in";
import { endUserSession, startUserSession } from "@/lib/auth/user-sessions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { ROLES } from "@/lib/auth/permissions";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  const value: unknown = Reflect.get(headers, name);
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return null;
}

/**
 * The client's address as the nearest trusted hop saw it. X-Forwarded-For is read from the
 * right: the left-most entries are whatever the client chose to send, so they are never used.
 * Next.js itself fills the header from the socket when a request arrives without one.
 */
export function clientAddress(
  headers: unknown,
  trustedProxies: number = config().trustedProxies,
): string | null {
  const hops = (headerValue(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return headerValue(headers, "x-real-ip");
  return hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? null;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Kapstone",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const db = await getDb();
          const address = clientAddress(req.headers);
          const user = await authenticate(db, credentials, address);
          return user ? { ...user, requestAddress: address } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sid = await startUserSession(await getDb(), user.id, user.requestAddress ?? null);
        }
        return token;
      },
      session({ session, token }) {
        const role = ROLES.find((r) => r === token.role);
        if (token.uid && role) {
          session.user = {
            id: token.uid,
            name: token.name ?? "",
            email: token.email ?? "",
            role,
          };
          session.sessionId = token.sid;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        const role = ROLES.find((r) => r === token?.role);
        if (!token?.uid || !token.sid || !role) return;
        // The session row ends here, so a copy of the cookie is worthless from now on.
        await endUserSession(await getDb(), token.sid, { id: token.uid, role }, "sign-out");
      },
    },
  };
}
