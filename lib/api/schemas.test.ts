import { describe, expect, it } from "vitest";
import { sessionListQuerySchema } from "@/lib/api/schemas";

describe("the session list's range", () => {
  const range = (from: string, to: string) => sessionListQuerySchema.safeParse({ from, to });

  it("accepts a range that ends when or after it starts, up to 62 days", () => {
    expect(range("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z").success).toBe(true);
    expect(range("2026-03-01T00:00:00Z", "2026-05-02T00:00:00Z").success).toBe(true);
  });

  it("refuses a range that ends before it starts, or spans more than 62 days", () => {
    const backwards = range("2026-03-02T00:00:00Z", "2026-03-01T23:59:59Z");
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.path).toEqual(["to"]);
    expect(range("2026-03-01T00:00:00Z", "2026-05-02T00:00:01Z").success).toBe(false);
  });
});
