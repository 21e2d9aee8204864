/**
 * Stands in for `@/lib/auth/current-user` when route handlers are called in process: the
 * session cookie is replaced by the user a test chooses. Everything after the session lookup —
 * the permission matrix, parsing, use cases, the database, the audit trail — is the real code.
 */
import type { CurrentUser } from "@/lib/auth/current-user";

let current: CurrentUser | null = null;

export const TEST_REQUEST_ADDRESS = "203.0.113.7";

export function actAs(user: CurrentUser | null): void {
  current = user;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return current;
}

export async function requestAddress(): Promise<string | null> {
  return TEST_REQUEST_ADDRESS;
}

/** Activity is tracked per sign-in session; requests in process have none. */
export async function noteActivity(): Promise<void> {}
