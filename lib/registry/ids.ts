import { z } from "zod";

/** A malformed id names nothing; it must not reach a uuid column (PostgreSQL would reject it). */
export function uuidOrNull(id: string): string | null {
  return z.uuid().safeParse(id).success ? id : null;
}
