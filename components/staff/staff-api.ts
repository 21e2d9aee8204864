/** Browser calls of the staff feature, through the shared API client and its error type. */
import { ApiClientError, apiRequest, type FieldProblem } from "@/lib/api/client";
import type {
  PasswordChangeInput,
  PasswordChanged,
  StaffCreated,
  StaffCreateInput,
  StaffMember,
  StaffPasswordReset,
  StaffUpdateInput,
} from "@/lib/staff/staff-schemas";

export function addStaffMember(input: StaffCreateInput): Promise<StaffCreated> {
  return apiRequest<StaffCreated>("/api/v1/users", { method: "POST", body: input });
}

export function resetPassword(id: string): Promise<StaffPasswordReset> {
  return apiRequest<StaffPasswordReset>(`/api/v1/users/${id}/reset-password`, {
    method: "POST",
    body: {},
  });
}

export function changeMyPassword(input: PasswordChangeInput): Promise<PasswordChanged> {
  return apiRequest<PasswordChanged>("/api/v1/me/password", { method: "POST", body: input });
}

/**
 * PATCH /users/{id}. The shared apiRequest only speaks GET and POST; until it learns PATCH this
 * sends the request itself and maps the answer to the same ApiClientError.
 */
export async function changeStaffMember(
  id: string,
  change: StaffUpdateInput,
): Promise<StaffMember> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/users/${id}`, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(change),
    });
  } catch {
    throw new ApiClientError("Kapstone cannot be reached. Check the connection.", 0, "network");
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as StaffMember;
  const error = errorOf(payload);
  throw error
    ? new ApiClientError(error.message, response.status, error.code, error.details)
    : new ApiClientError(`The server answered ${response.status}.`, response.status, "http");
}

function errorOf(
  payload: unknown,
): { code: string; message: string; details: FieldProblem[] } | null {
  if (typeof payload !== "object" || payload === null) return null;
  const error: unknown = Reflect.get(payload, "error");
  if (typeof error !== "object" || error === null) return null;
  const message: unknown = Reflect.get(error, "message");
  const code: unknown = Reflect.get(error, "code");
  const details: unknown = Reflect.get(error, "details");
  if (typeof message !== "string") return null;
  return {
    message,
    code: typeof code === "string" ? code : "http",
    details: Array.isArray(details) ? details.filter(isFieldProblem) : [],
  };
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "field") === "string" &&
    typeof Reflect.get(value, "message") === "string"
  );
}

/** The message to show for a failed call. */
export function problemMessage(error: unknown, fallback: string): string {
  return error instanceof ApiClientError ? error.message : fallback;
}
