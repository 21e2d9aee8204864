/**
 * A JSON write to the Kapstone API with the methods the registry needs (POST, PATCH, PUT),
 * answering the API's error shape as the shared ApiClientError. `apiRequest` takes GET and POST
 * only; once it takes PATCH and PUT too, this file can go.
 */
import { ApiClientError, type FieldProblem } from "@/lib/api/client";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const { error } = value;
  return (
    typeof error === "object" &&
    error !== null &&
    "message" in error &&
    typeof error.message === "string" &&
    "code" in error &&
    typeof error.code === "string"
  );
}

function fieldProblems(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldProblem =>
      typeof d === "object" &&
      d !== null &&
      "field" in d &&
      typeof d.field === "string" &&
      "message" in d &&
      typeof d.message === "string",
  );
}

export async function sendJson<T>(
  url: string,
  method: "POST" | "PATCH" | "PUT",
  body: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiClientError("Kapstone cannot be reached. Check the connection.", 0, "network");
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiClientError(
        payload.error.message,
        response.status,
        payload.error.code,
        fieldProblems(payload.error.details),
      );
    }
    throw new ApiClientError(`The server answered ${response.status}.`, response.status, "http");
  }
  return payload as T;
}
