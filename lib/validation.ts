/** Parsing at the boundaries of use cases: malformed input is refused before anything is written. */
import type { z } from "zod";
import { AppError, type FieldIssue } from "@/lib/errors";

/** Parses a use case's input with its schema: a malformed input is refused before any write. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      "The entry is not valid.",
      parsed.error.issues.map((i) => ({
        field: i.path.map(String).join(".") || "(root)",
        message: i.message,
      })),
    );
  }
  return parsed.data;
}

/** Validates a client idempotency key: short, printable, no spaces. */
export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null || header === "") return null;
  if (!/^[A-Za-z0-9._:-]{8,100}$/.test(header)) {
    throw new AppError(
      "bad_request",
      "Idempotency-Key must be 8–100 letters, digits or . _ : - characters.",
      [{ field: "Idempotency-Key", message: "malformed" }],
    );
  }
  return header;
}

/** Calendar years the clinic's dates may fall in: anything else is a typing or encoding slip. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

const ISO_DATE_LIKE = /^(\d{4,})-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
// C0 controls other than tab, line feed and carriage return; the database refuses U+0000.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(value: string): string | null {
  if (CONTROL.test(value)) return "Remove the control characters (such as U+0000) from this text.";
  if (LONE_SURROGATE.test(value)) return "This text is not valid Unicode.";
  const date = ISO_DATE_LIKE.exec(value);
  if (date) {
    const parsed = Date.parse(value.length === 10 ? `${value}T12:00:00Z` : value);
    const year = Number.isNaN(parsed) ? Number(date[1]) : new Date(parsed).getUTCFullYear();
    if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
      return `Dates must fall between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}.`;
    }
  }
  return null;
}

/** No request of Kapstone's nests deeper than this; deeper is an attack on the parser. */
export const MAX_NESTING = 32;

/**
 * Refuses, for any field of a request (body or query), what no schema should have to think
 * about and the database would choke on: control characters, broken Unicode, dates outside any
 * clinical calendar and absurd nesting. Returns every offending field with what to do about it.
 * Walks without recursion, so a hostile 10,000-deep array cannot exhaust the stack.
 */
export function hostileTextIssues(value: unknown): FieldIssue[] {
  const found: FieldIssue[] = [];
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (pending.length > 0 && found.length < 20) {
    const next = pending.pop();
    if (!next) break;
    const field = next.path.join(".") || "(root)";
    if (next.path.length > MAX_NESTING) {
      return [{ field, message: `Nothing in a request nests deeper than ${MAX_NESTING} levels.` }];
    }
    if (typeof next.value === "string") {
      const problem = textProblem(next.value);
      if (problem) found.push({ field, message: problem });
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, i) =>
        pending.push({ value: item, path: [...next.path, String(i)] }),
      );
    } else if (next.value !== null && typeof next.value === "object") {
      for (const [key, item] of Object.entries(next.value)) {
        const keyProblem = textProblem(key);
        if (keyProblem)
          found.push({ field: [...next.path, "(key)"].join("."), message: keyProblem });
        pending.push({ value: item, path: [...next.path, key] });
      }
    }
  }
  return found;
}
