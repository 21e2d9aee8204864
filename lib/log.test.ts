import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";

describe("structured log lines", () => {
  afterEach(() => vi.restoreAllMocks());

  it("write one JSON object per line with the request id, and no query parameters", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: "22021",
    });
    const failed = new Error(
      'Failed query: insert into "notes" ("body") values ($1)\nparams: Jane Doe,private note text',
      { cause },
    );
    log("error", "api.unhandled", { requestId: "req-12345678" }, failed);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "{}") as Record<string, string>;
    expect(entry).toMatchObject({
      level: "error",
      event: "api.unhandled",
      requestId: "req-12345678",
      causeCode: "22021",
    });
    expect(entry.message).toContain('insert into "notes"');
    expect(lines[0]).not.toContain("Jane Doe");
    expect(lines[0]).not.toContain("private note text");
  });
});
