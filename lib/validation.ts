/** Parsing at the boundaries of use cases: malformed input is refused before anything is written. */
import type { z } from "zod";
import { AppError } from "@/lib/errors";

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
