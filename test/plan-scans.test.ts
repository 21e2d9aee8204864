import { describe, expect, it } from "vitest";
import { fullScans, type PlanNode } from "./plan-scans";

const LARGE = new Set(["sessions", "vitals"]);
const LEADING = new Map([
  ["sessions_start_idx", "scheduled_start"],
  ["sessions_room_start_idx", "room_id"],
  ["vitals_session_taken_idx", "session_id"],
]);

const scan = (type: string, extra: Partial<PlanNode> = {}): PlanNode => ({
  "Node Type": type,
  "Relation Name": "sessions",
  ...extra,
});
const tables = (plan: PlanNode): string[] => fullScans(plan, LARGE, LEADING).map((s) => s.node);

describe("whole-table reads in a plan", () => {
  it("finds a Seq Scan of a large table, not of a small one", () => {
    expect(tables(scan("Seq Scan"))).toEqual(["Seq Scan on sessions"]);
    expect(tables(scan("Seq Scan", { "Relation Name": "rooms" }))).toEqual([]);
  });

  it("passes a partial index read from end to end: it holds only the rows its predicate names", () => {
    const partial = new Set(["sessions_live_idx"]);
    const node = scan("Bitmap Heap Scan", {
      Plans: [scan("Bitmap Index Scan", { "Index Name": "sessions_live_idx" })],
    });
    expect(fullScans(node, LARGE, LEADING, partial)).toEqual([]);
    expect(fullScans(node, LARGE, LEADING).map((s) => s.node)).toEqual([
      "Bitmap Heap Scan on sessions (the whole index)",
    ]);
  });

  it("passes an index scan on the index's first column", () => {
    const node = scan("Index Scan", {
      "Index Name": "sessions_start_idx",
      "Index Cond": "((scheduled_start >= $1) AND (scheduled_start < $2))",
    });
    expect(tables(node)).toEqual([]);
  });

  it("finds an index walked end to end: no condition, or one on a later column only", () => {
    expect(tables(scan("Index Scan", { "Index Name": "sessions_start_idx" }))).toHaveLength(1);
    const later = scan("Index Scan", {
      "Index Name": "sessions_room_start_idx",
      "Index Cond": "(scheduled_start >= $1)",
    });
    expect(tables(later)).toEqual([
      "Index Scan using sessions_room_start_idx on sessions (the whole index)",
    ]);
  });

  it("lets a LIMIT stop an ordered walk early, unless a sort or a subplan comes between", () => {
    const walk = scan("Index Scan", { "Index Name": "sessions_start_idx" });
    expect(tables({ "Node Type": "Limit", Plans: [walk] })).toEqual([]);
    const sorted = { "Node Type": "Sort", Plans: [walk] };
    expect(tables({ "Node Type": "Limit", Plans: [sorted] })).toHaveLength(1);
    const subplan = { ...walk, "Parent Relationship": "SubPlan" };
    expect(tables({ "Node Type": "Limit", Plans: [subplan] })).toHaveLength(1);
  });

  it("finds a whole walk on the inner side of a nested loop, which runs once per row", () => {
    const outer = scan("Index Scan", {
      "Parent Relationship": "Outer",
      "Index Name": "sessions_start_idx",
      "Index Cond": "(scheduled_start >= $1)",
    });
    const inner = {
      ...scan("Index Scan", { "Relation Name": "vitals", "Index Name": "vitals_pkey" }),
      "Parent Relationship": "Inner",
    };
    const loop = { "Node Type": "Nested Loop", Plans: [outer, inner] };
    expect(tables({ "Node Type": "Limit", Plans: [loop] })).toEqual([
      "Index Scan using vitals_pkey on vitals (the whole index)",
    ]);
  });

  it("finds a bitmap built from the whole index", () => {
    const bitmap = scan("Bitmap Heap Scan", {
      Plans: [{ "Node Type": "Bitmap Index Scan", "Index Name": "sessions_start_idx" }],
    });
    expect(tables(bitmap)).toHaveLength(1);
    const narrow = scan("Bitmap Heap Scan", {
      Plans: [
        {
          "Node Type": "Bitmap Index Scan",
          "Index Name": "sessions_start_idx",
          "Index Cond": "(scheduled_start >= $1)",
        },
      ],
    });
    expect(tables(narrow)).toEqual([]);
  });
});
