/**
 * The one typed application error. Use cases throw it; the API maps it to HTTP once and forms
 * map it to field errors. Anything else that escapes is logged and answered as a calm 500.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "internal";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
};

export type FieldIssue = { field: string; message: string };

/** A scheduling conflict as the API names it (CLINICAL.md "Scheduling defaults"). */
export type ConflictDetail = {
  code: string;
  message: string;
  sessionId?: string;
  overridable: boolean;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldIssue[] | undefined;
  /** For a refused booking: every conflict found, answered as `details.conflicts`. */
  readonly conflicts: ConflictDetail[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: FieldIssue[],
    conflicts?: ConflictDetail[],
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.conflicts = conflicts;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
