/**
 * Browser calls the schedule makes. Like `apiRequest`, but it also sends PATCH and reads a
 * refused booking's `details.conflicts`, and it parses every answer before the UI trusts it.
 */
// zod's small functional build: the same parsing as the server's schemas, at a fraction of the
// script the calendar page would otherwise load.
import * as z from "zod/mini";
import { SESSION_KINDS } from "@/components/schedule/kind-style";
import { ApiClientError } from "@/lib/api/client";

const conflictSchema = z.object({
  code: z.string(),
  message: z.string(),
  sessionId: z.optional(z.string()),
  overridable: z.boolean(),
});
export type Conflict = z.infer<typeof conflictSchema>;

/** A 409 whose body lists the scheduling conflicts found (CLINICAL.md "Scheduling defaults"). */
export class ScheduleConflictError extends ApiClientError {
  constructor(
    message: string,
    readonly conflicts: Conflict[],
  ) {
    super(message, 409, "conflict");
    this.name = "ScheduleConflictError";
  }
}

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.unknown()) }),
});
const fieldProblemsSchema = z.array(z.object({ field: z.string(), message: z.string() }));
const conflictDetailsSchema = z.object({ conflicts: z.array(conflictSchema) });

function failure(status: number, payload: unknown): ApiClientError {
  const body = errorBodySchema.safeParse(payload);
  if (!body.success) return new ApiClientError(`The server answered ${status}.`, status, "http");
  const { code, message, details } = body.data.error;
  const conflicts = conflictDetailsSchema.safeParse(details);
  if (conflicts.success) return new ScheduleConflictError(message, conflicts.data.conflicts);
  const fields = fieldProblemsSchema.safeParse(details);
  return new ApiClientError(message, status, code, fields.success ? fields.data : []);
}

export async function scheduleRequest<S extends z.ZodMiniType>(
  url: string,
  schema: S,
  init: { method?: "GET" | "POST" | "PATCH"; body?: unknown } = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiClientError("Kapstone cannot be reached. Check the connection.", 0, "network");
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failure(response.status, payload);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiClientError("The server's answer could not be read.", response.status, "shape");
  }
  return parsed.data;
}

/** The message to show for any failure of a schedule call. */
export function problemMessage(error: unknown, fallback: string): string {
  if (!(error instanceof ApiClientError)) return fallback;
  // Field problems name what to fix in a refused form; elsewhere (a 409 on status) they are noise.
  if (error.code !== "bad_request" && error.code !== "unprocessable") return error.message;
  const fields = error.fields.map((f) => `${f.field}: ${f.message}`);
  return fields.length > 0 ? `${error.message} (${fields.join("; ")})` : error.message;
}

const roomSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  active: z.boolean(),
});
/** `GET /api/v1/rooms` answers `{ data }`; `{ items }` (the other lists' shape) is read too. */
export const roomListSchema = z.pipe(
  z.union([z.object({ data: z.array(roomSchema) }), z.object({ items: z.array(roomSchema) })]),
  z.transform((list) => ("data" in list ? list.data : list.items)),
);

export const staffListSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), role: z.string(), active: z.boolean() }),
  ),
});

export const patientSearchSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), mrn: z.string() })),
});
export type PatientChoice = z.infer<typeof patientSearchSchema>["items"][number];

/** Any JSON answer: bookings only need to know that they succeeded. */
export const acceptedSchema = z.unknown();

export const SERIES_TEMPLATES = ["iv-induction", "esketamine-induction"] as const;
export type SeriesTemplate = (typeof SERIES_TEMPLATES)[number];

const seriesRowSchema = z.object({
  index: z.int(),
  kind: z.enum(SESSION_KINDS),
  dosingNumber: z.nullable(z.int()),
  start: z.string(),
  end: z.string(),
  conflicts: z.array(conflictSchema),
  suggestion: z.nullable(z.object({ start: z.string(), end: z.string() })),
});
export type SeriesPreviewRow = z.infer<typeof seriesRowSchema>;

export const seriesPreviewSchema = z.object({ sessions: z.array(seriesRowSchema) });
export const seriesCreatedSchema = z.object({ ids: z.array(z.string()) });
