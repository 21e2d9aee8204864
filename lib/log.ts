/**
 * Server logs as one JSON object per line, so a clinic's log collector can index them and a
 * reference shown to a user (the request id) finds its line. Messages never include patient
 * data: only ids, codes and the error's own message and stack, which stay on the server.
 */
type Level = "info" | "warn" | "error";

export type LogFields = Record<string, string | number | boolean | null | undefined>;

function describe(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: error.name, message: error.message, stack: error.stack };
  }
  return { error: typeof error, message: String(error) };
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
