import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { ENGINES, freshDatabase } from "./databases";

const SOURCE_DIRS = ["app", "components", "lib", "db", "scripts"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === "node_modules" || entry === "migrations") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

describe("audit rows are never updated or deleted", () => {
  it("no application code updates or deletes audit_events", () => {
    const offenders = SOURCE_DIRS.flatMap(sourceFiles).filter((file) => {
      const text = readFileSync(file, "utf8");
      return (
        /\.(update|delete)\(\s*auditEvents\b/.test(text) ||
        /(update|delete\s+from|truncate)\s+"?audit_events"?/i.test(text)
      );
    });
    expect(offenders).toEqual([]);
  });
});

describe.each(ENGINES)("the database refuses to change audit rows on %s", (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await recordAudit(handle.db, {
      actor: null,
      actorEmail: "someone@example.test",
      action: "auth.sign-in",
      entityType: "user",
      outcome: "failure",
    });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("rejects UPDATE", async () => {
    await expect(
      handle.db
        .update(auditEvents)
        .set({ outcome: "success" })
        .where(eq(auditEvents.action, "auth.sign-in")),
    ).rejects.toThrow();
  });

  it("rejects DELETE and TRUNCATE", async () => {
    await expect(
      handle.db.delete(auditEvents).where(eq(auditEvents.action, "auth.sign-in")),
    ).rejects.toThrow();
    await expect(handle.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const rows = await handle.db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe("failure");
  });
});
