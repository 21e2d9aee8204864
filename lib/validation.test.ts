import { describe, expect, it } from "vitest";
import { hostileTextIssues, MAX_NESTING } from "@/lib/validation";

describe("hostile text in a request", () => {
  it("passes ordinary clinical text, unicode and dates", () => {
    expect(
      hostileTextIssues({
        body: "Patient calm.\nTolerated well\t— café, 患者, 🙂, עברית",
        onsetAt: "2026-03-11T15:30:00-04:00",
        dateOfBirth: "1931-02-28",
        list: [1, "2199-12-31", null, true],
      }),
    ).toEqual([]);
  });

  it("names the field holding a NUL or other control character", () => {
    expect(hostileTextIssues({ note: { body: "a\u0000b" } })).toEqual([
      { field: "note.body", message: expect.stringContaining("control characters") },
    ]);
    expect(hostileTextIssues({ reason: "bell\u0007" })).toHaveLength(1);
  });

  it("refuses broken unicode, in values and in keys", () => {
    expect(hostileTextIssues({ reason: "\ud800" })[0]?.field).toBe("reason");
    expect(hostileTextIssues({ "\udc00": 1 })[0]?.field).toBe("(key)");
  });

  it("refuses dates outside 1900–2199, also where the offset moves the year", () => {
    const fields = (v: unknown) => hostileTextIssues(v).map((i) => i.field);
    expect(fields({ a: "0000-06-01T12:00:00Z" })).toEqual(["a"]);
    expect(fields({ a: "0001-01-01T00:00:00+23:59" })).toEqual(["a"]);
    expect(fields({ a: "9999-12-31" })).toEqual(["a"]);
    expect(fields({ a: "1899-12-31" })).toEqual(["a"]);
    expect(fields({ a: "1900-01-01", b: "2199-12-31T23:00:00Z" })).toEqual([]);
  });

  it("refuses absurd nesting without running out of stack", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    expect(hostileTextIssues(deep)[0]?.message).toContain(String(MAX_NESTING));
  });
});
