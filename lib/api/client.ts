/** Browser-side calls to the Kapstone JSON API, with its error shape turned into one error type. */
export type FieldProblem = { field: string; message: string };

export class ApiClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = "ApiClientError";
  }

  /** The message for one form field, when the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

function isErrorBody(
  value: unknown,
): value is { error: { code: string; message: string; details?: FieldProblem[] } } {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error;
}

export async function apiRequest<T>(
  url: string,
  init: { method?: "GET" | "POST" | "PATCH" | "PUT"; body?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(init.idempotencyKey ? { "Idempotency-Key": init.idempotencyKey } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
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
        payload.error.details ?? [],
      );
    }
    throw new ApiClientError(`The server answered ${response.status}.`, response.status, "http");
  }
  return payload as T;
}
