/**
 * Audit completeness: every call to every API operation — as each role and signed out, well
 * formed or not, naming real records, unknown ones or malformed ids — leaves exactly one audit
 * row with the actor, an action, the entity and the outcome; the few operations that touch no
 * patient or account data leave none. And no code path can change the log once written.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/db/client";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { Role } from "@/db/schema";
import type { Operation } from "@/lib/api/operations";
import { config } from "@/lib/config";
import {
  allOperations,
  callOperation,
  discoverRoutes,
  installDatabase,
  ROUTES_OUTSIDE_THE_CONTRACT,
  type ApiCall,
} from "./api-harness";
import { loadFixture, sampleRequests, type Fixture } from "./api-fixture";
import { lastAuditId, newAuditRows } from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";
import { actAs, TEST_REQUEST_ADDRESS } from "./signed-in-as";

vi.mock("@/lib/auth/current-user", () => import("./signed-in-as"));

/** Operations with no patient or account data: health, who am I, rooms and opening hours. */
const UNAUDITED = ["getHealth", "getMe", "recordActivity", "listRooms", "getClinicHours"];

const CALLERS: (Role | null)[] = [null, "psychiatrist", "nurse", "admin"];

type Variant = { name: string; call: (sample: ApiCall, op: Operation) => ApiCall };

const VARIANTS: Variant[] = [
  { name: "well-formed", call: (sample) => sample },
  {
    name: "wrong fields",
    call: (sample) => ({ ...sample, body: { unexpected: ["field"] }, query: { page: "-1" } }),
  },
  { name: "malformed JSON", call: (sample) => ({ ...sample, body: '{"systolic": 12' }) },
  {
    name: "unknown id",
    call: (sample) => ({
      ...sample,
      params: Object.fromEntries(Object.keys(sample.params ?? {}).map((k) => [k, randomUUID()])),
    }),
  },
  {
    name: "from another site",
    call: (sample) => ({
      ...sample,
      headers: {
        ...sample.headers,
        origin: "https://attacker.example",
        "sec-fetch-site": "cross-site",
      },
    }),
  },
  {
    name: "malformed id",
    call: (sample) => ({
      ...sample,
      params: Object.fromEntries(Object.keys(sample.params ?? {}).map((k) => [k, "1 or 1=1"])),
    }),
  },
];

describe("the API contract", () => {
  it("has exactly one operation for every route handler, and the reverse", async () => {
    const routes = (await discoverRoutes())
      .filter((r) => !(ROUTES_OUTSIDE_THE_CONTRACT as readonly string[]).includes(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const operations = allOperations.map((op) => `${op.method} ${op.path}`).sort();
    expect(routes).toEqual(operations);
  });

  it("has a sample request for every operation", () => {
    const names = Object.keys(sampleRequests({} as Fixture)).sort();
    expect(names).toEqual(allOperations.map((op) => op.operationId).sort());
  });
});

describe.each(ENGINES)("audit completeness on %s", (engine) => {
  let handle: DbHandle;
  let fixture: Fixture;

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, { now: new Date(), timeZone: config().clinicTimeZone });
    installDatabase(handle);
    fixture = await loadFixture(handle.db);
  });
  afterAll(async () => {
    actAs(null);
    await handle.close();
  });

  it.each(allOperations.map((op) => [op.operationId, op] as const))(
    "%s leaves exactly one audit row per call, whoever calls and whatever is sent",
    async (_, op) => {
      const sample = sampleRequests(fixture)[op.operationId] ?? {};
      for (const role of CALLERS) {
        const actor = role ? fixture.staff[role] : null;
        actAs(actor);
        for (const variant of VARIANTS) {
          const mark = await lastAuditId(handle.db);
          const answer = await callOperation(op, variant.call(sample, op));
          const rows = await newAuditRows(handle.db, mark);
          const where = `${op.operationId} as ${role ?? "signed out"}, ${variant.name}: ${answer.status}`;
          expect(answer.status, where).toBeLessThan(500);
          if (variant.name === "from another site" && actor && op.method !== "GET") {
            // A signed-in user's cookie sent by another site's page writes nothing.
            expect(answer.status, where).toBe(403);
            expect(answer.text, where).toContain("Requests from other sites are refused.");
          }
          if (UNAUDITED.includes(op.operationId)) {
            expect(rows, where).toHaveLength(0);
            continue;
          }
          expect(rows, where).toHaveLength(1);
          const [row] = rows;
          if (!row) continue;
          expect(row.actorId, where).toBe(actor?.id ?? null);
          expect(row.actorRole, where).toBe(actor?.role ?? null);
          expect(row.action, where).toMatch(/^[a-z][\w.-]+$/i);
          expect(row.entityType, where).toMatch(/^[a-z][\w-]*$/);
          const expected =
            answer.status < 300
              ? "success"
              : answer.status === 401 || answer.status === 403
                ? "denied"
                : "failure";
          expect(row.outcome, where).toBe(expected);
          if (actor) expect(row.requestAddress, where).toBe(TEST_REQUEST_ADDRESS);
        }
      }
    },
  );
});

describe("the audit log is append-only in code", () => {
  const roots = ["app", "lib", "db", "components", "scripts"];
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(full);
      return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : [];
    });

  it("no source file updates, deletes or truncates audit rows", () => {
    const root = path.join(import.meta.dirname, "..");
    const offenders = roots
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => {
        const text = readFileSync(file, "utf8");
        return (
          /\.(update|delete)\(\s*(schema\.)?auditEvents\b/.test(text) ||
          /\b(update|delete\s+from|truncate(\s+table)?)\s+"?audit_events"?/i.test(text)
        );
      });
    expect(offenders).toEqual([]);
  });
});
