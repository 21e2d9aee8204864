import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "@/lib/audit";
import { getAuthSecret } from "@/lib/auth/secret";
import { authenticate } from "@/lib/auth/sign-in";
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

export function clientAddress(headers: unknown): string | null {
  const forwarded = headerValue(headers, "x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || headerValue(headers, "x-real-ip");
}

export function authOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
          return authenticate(db, credentials, clientAddress(req.headers));
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
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
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        const role = ROLES.find((r) => r === token?.role);
        if (!token?.uid || !role) return;
        await recordAudit(await getDb(), {
          actor: { id: token.uid, role },
          action: "auth.sign-out",
          entityType: "user",
          entityId: token.uid,
          outcome: "success",
        });
      },
    },
  };
}
