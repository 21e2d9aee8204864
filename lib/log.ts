/**
 * Server logs as one JSON object per line, so a clinic's log collector can index them and a
 * reference shown to a user (the request id) finds its line. Messages never include patient
 * data: only ids, codes and the error's own message and stack, which stay on the server.
 */
type Level = "info" | "warn" | "error";

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * A failed query's message names its parameters — patient names, note text. Only the
 * statement is kept; the database's own error (code and message) is logged from the cause.
 */
function redact(text: string | undefined): string | undefined {
  return text?.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, "\nparams: [redacted]");
}

function describe(error: unknown): LogFields {
  if (error instanceof Error) {
    const cause = error.cause;
    return {
      error: error.name,
      message: redact(error.message),
      ...(cause instanceof Error
        ? {
            cause: cause.message,
            causeCode: "code" in cause && typeof cause.code === "string" ? cause.code : undefined,
          }
        : {}),
      stack: redact(error.stack),
    };
  }
  return { error: typeof error, message: "(not an Error)" };
}

export function log(level: Level, event: string, fields: LogFields = {}, error?: unknown): void {
  const line = JSON.stringify({
    at: new Date().toISOString(),
    level,
    event,
    ...fields,
    ...(error === undefined ? {} : describe(error)),
  });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
