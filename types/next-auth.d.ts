import type { Role } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
    /** The `user_sessions` row this cookie stands for. */
    sessionId?: string;
  }
  interface User {
    id: string;
    name: string;
    email: string;
    role: Role;
    /** Set by authorize: the client address the sign-in came from. */
    requestAddress?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sid?: string;
  }
}
