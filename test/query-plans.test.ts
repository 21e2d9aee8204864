/**
 * Every hot query uses an index. The hot paths — sign-in, the signed-in user, the caseload,
 * the patient and session pages, the Today board, the schedule, bedside vitals, the monitor and
 * the audit log — run for real against PostgreSQL seeded with the large clinic network; a
 * logger on the database records every statement they send, and each one is EXPLAINed with
 * its own parameters. A sequential scan of a table that grows with patients or with time fails
 * the test, naming the statement, the table and the plan node.
 *
 * With KAPSTONE_PLANS_DATABASE_URL set, the same run uses that database instead of a fresh
 * one — already migrated and seeded, and throwaway: the run writes — and also times every
 * statement with EXPLAIN ANALYZE (real planner settings, rolled back, best of three), printing
 * the slowest and, with KAPSTONE_PLANS_REPORT, writing them all to a JSON file:
 *
 *   DATABASE_URL=$URL npm run seed:large -- --patients 20000
 *   psql $URL -v events=2500000 -v sign_ins=150000 -f scripts/perf/measurement-history.sql
 *   KAPSTONE_PLANS_DATABASE_URL=$URL KAPSTONE_PLANS_REPORT=plans.json npm run perf:query-plans
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migrateDatabase, openDatabase, type Db, type DbHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { seedLargeClinic } from "@/db/seed/large/generate";
import { DEMO_PASSWORD } from "@/db/seed/staff";
import { ops } from "@/lib/api/operations";
import { auditActorOptions, listAuditEvents } from "@/lib/audit-log";
import { listAssessments } from "@/lib/assessments/record-assessment";
import type { ActorContext } from "@/lib/auth/authorize";
import { getCurrentUser, requirePage, type CurrentUser } from "@/lib/auth/current-user";
import { authenticate } from "@/lib/auth/sign-in";
import { startUserSession } from "@/lib/auth/user-sessions";
import { listCourses } from "@/lib/courses/treatment-plan";
import { clinicDayRange } from "@/lib/clinic-day";
import { listActiveSessions } from "@/lib/monitor/active-sessions";
import { listCaseload } from "@/lib/patients/caseload";
import type { CaseloadQuery } from "@/lib/patients/caseload-query";
import { listNotes } from "@/lib/patients/notes";
import {
  getCourseTimeline,
  getPatientHeader,
  getPatientProgress,
  patientSafety,
} from "@/lib/patients/patient-record";
import { getClinicHours, listRooms } from "@/lib/registry/rooms";
import { listAgenda } from "@/lib/sessions/agenda";
import { sessionViewForPage } from "@/lib/sessions/session-page";
import { callOperation, installDatabase, type ApiAnswer } from "./api-harness";
import { postgresUrl } from "./databases";
import { fullScans, type LeadingColumns, type PartialIndexes, type PlanNode } from "./plan-scans";

// The session cookie and the request headers are the only parts of a request played here:
// everything from the signed-in user's lookup onwards is the real code.
const request = vi.hoisted(() => ({
  session: null as { userId: string; sessionId: string } | null,
}));
vi.mock("@/lib/auth/session-cookie", () => ({ sessionClaims: async () => request.session }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.23" }),
  cookies: async () => ({ getAll: () => [] }),
}));

const TIME_ZONE = "America/New_York";
// A Wednesday, 10:30 in the clinic: sessions are in progress, others checked in or booked.
const NOW = new Date("2026-03-11T14:30:00Z");
/** Enough patients for every kind of row and plan, few enough to seed in a few seconds. */
const PATIENTS = 300;

/**
 * Staff and premises grow with the clinic, not with patients or time: a scan of these is fine.
 * Every other table — including any added later — counts as large.
 */
const SMALL_TABLES = new Set(["users", "locations", "rooms"]);
const LARGE_TABLES: ReadonlySet<string> = new Set(
  Object.values(schema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableName(table))
    .filter((name) => !SMALL_TABLES.has(name)),
);

/**
 * Whole-table reads that are the answer itself, or known and measured, rather than a missing
 * index: by the exact statement, or by hot path, and the table read in full. An entry that no
 * hot path needs any more fails the run, so the list only shrinks.
 */
type Accepted = { table: string; why: string } & (
  { statement: string } | { containing: string } | { path: RegExp }
);
const WHOLE_TABLE_READS: Accepted[] = [
  {
    containing: '(select count(*) from "patients" where true)',
    table: "patients",
    why: "the whole clinic's caseload total counts every patient",
  },
  {
    statement: 'select count(*) from "audit_events"',
    table: "audit_events",
    why: "the unfiltered audit log's total counts every event",
  },
  {
    path: /^(GET \/api\/v1\/patients|\/patients page) \((search|search by MRN|by next session)\)$/,
    table: "patients",
    // Measured at 20,000 patients: search ≈ 40 ms, next-session sort ≈ 150–200 ms per statement.
    // The safety-flag and "not responding" filters, which read every patient's history
    // (370–450 ms a call), now start from the patient summaries' partial indexes (4–6 ms).
    why:
      "searching for a part of a name and sorting by next session look at every patient of the " +
      "clinic: a per-patient value no index holds",
  },
];

const measureUrl = process.env.KAPSTONE_PLANS_DATABASE_URL || undefined;
// Timing every statement three times at 20,000 patients takes minutes, not seconds.
if (measureUrl) vi.setConfig({ testTimeout: 600_000 });

type Statement = { sql: string; params: unknown[] };

/** Statements sent while a hot path runs, once each (the first parameters seen are kept). */
class Recorder {
  private current: Map<string, Statement> | null = null;

  logQuery(query: string, params: unknown[]): void {
    if (this.current && !this.current.has(query)) this.current.set(query, { sql: query, params });
  }

  async record(run: () => Promise<unknown>): Promise<Statement[]> {
    this.current = new Map();
    try {
      await run();
      return [...this.current.values()];
    } finally {
      this.current = null;
    }
  }
}

type Timing = { path: string; sql: string; planningMs: number; executionMs: number };

describe("hot queries on PostgreSQL", () => {
  const recorder = new Recorder();
  const timings: Timing[] = [];
  const acceptedSeen = new Set<Accepted>();
  let handle: DbHandle;
  let planner: postgres.Sql;
  let leadingColumns: LeadingColumns = new Map();
  let partialIndexes: PartialIndexes = new Set();
  let dropDatabase: () => Promise<void> = async () => {};
  const staff = {} as Record<schema.Role, CurrentUser>;
  const actor = (role: schema.Role): ActorContext => ({
    ...staff[role],
    requestAddress: "198.51.100.23",
  });
  let patientId = "";
  let liveSessionId = "";
  let clinicDay = { start: NOW, end: NOW };
  let week = { start: NOW, end: NOW };

  beforeAll(async () => {
    if (!measureUrl && !postgresUrl) {
      throw new Error(
        "The query-plan checks need PostgreSQL 15 (/usr/lib/postgresql/15/bin): it did not start.",
      );
    }
    let url = measureUrl ?? "";
    if (!measureUrl && postgresUrl) {
      const name = `kapstone_plans_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
      const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      url = postgresUrl.replace(/\/[^/]*$/, `/${name}`);
      dropDatabase = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
    const client = postgres(url, { max: 5, onnotice: () => {} });
    const db: Db = drizzle(client, { schema, logger: recorder });
    handle = { db, engine: "postgres", close: () => client.end({ timeout: 5 }) };
    planner = postgres(url, { max: 1, onnotice: () => {} });
    if (!measureUrl) {
      // Migrated through a handle of its own: the migration lock needs openDatabase's handle.
      const migrator = await openDatabase({ engine: "postgres", url, max: 1 });
      try {
        await migrateDatabase(migrator);
      } finally {
        await migrator.close();
      }
      await seedLargeClinic(db, { patients: PATIENTS, batch: 100, now: NOW, timeZone: TIME_ZONE });
    }
    // What autovacuum does on a live server: the planner needs row counts and distributions.
    await db.execute(sql`analyze`);
    installDatabase(handle);
    const keys = await planner<{ index: string; column: string; partial: boolean }[]>`
      select i.relname as index, a.attname as column, x.indpred is not null as partial
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
      where x.indkey[0] <> 0`;
    leadingColumns = new Map(keys.map((k) => [k.index, k.column]));
    partialIndexes = new Set(keys.filter((k) => k.partial).map((k) => k.index));

    for (const role of ["psychiatrist", "nurse", "admin"] as const) {
      const [user] = await db
        .select()
        .from(schema.users)
        .where(sql`${schema.users.email} = ${`${role}@demo.kapstone.test`}`);
      if (!user) throw new Error(`the seeded clinic has no demo ${role}`);
      staff[role] = {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        title: user.title,
        mustChangePassword: false,
        session: null,
      };
    }
    // A session in progress with its dose and a few readings: the bedside and the monitor.
    const [live] = await planner<{ id: string; patient_id: string; scheduled_start: Date }[]>`
      select s.id, s.patient_id, s.scheduled_start from sessions s
      where s.status = 'in_progress' and s.kind = 'dosing'
        and exists (select 1 from dose_administrations d where d.session_id = s.id)
      order by s.scheduled_start desc limit 1`;
    if (!live) throw new Error("the seeded clinic has no dosing session in progress");
    liveSessionId = live.id;
    patientId = live.patient_id;
    clinicDay = clinicDayRange(live.scheduled_start, TIME_ZONE);
    week = clinicDayRange(new Date(clinicDay.start.getTime() - 3 * 86_400_000), TIME_ZONE, 7);
  }, 120_000);

  afterAll(async () => {
    if (timings.length > 0) reportTimings(timings);
    await planner?.end({ timeout: 5 });
    await handle?.close();
    await dropDatabase();
  });

  /** Signs `role` in as the browser would: a sign-in session row named by the cookie. */
  async function signIn(role: schema.Role): Promise<void> {
    const sessionId = await startUserSession(handle.db, staff[role].id, "198.51.100.23");
    request.session = { userId: staff[role].id, sessionId };
  }

  async function ok(answer: Promise<ApiAnswer>): Promise<ApiAnswer> {
    const result = await answer;
    expect(result.status, result.text).toBeLessThan(300);
    return result;
  }

  async function plan(statement: Statement): Promise<PlanNode> {
    return planner.begin(async (tx) => {
      // Sequential scans are made so expensive that the planner takes one only where no index
      // can serve the statement. With a few hundred patients it would otherwise often scan a
      // table that fits in a few pages by choice — the right plan at that size, and no sign of
      // what happens at 20,000 patients. Any Seq Scan left is then a missing index. For the
      // same reason joins are made nested loops: a hash or merge join over a small table reads
      // all of one side cheaply, where at scale each partner row is found through an index —
      // so a large table must be reachable through an index on the join key too.
      await tx.unsafe("set local enable_seqscan = off");
      await tx.unsafe("set local enable_hashjoin = off");
      await tx.unsafe("set local enable_mergejoin = off");
      const [row] = await tx.unsafe(
        `explain (format json) ${statement.sql}`,
        statement.params as never[],
      );
      return (row?.["QUERY PLAN"] as [{ Plan: PlanNode }])[0].Plan;
    });
  }

  /** Measure mode: real planner settings, run for real (rolled back), best of three. */
  async function time(path: string, statement: Statement): Promise<void> {
    const runs: { planningMs: number; executionMs: number }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const rollback = new Error("rollback");
      await planner
        .begin(async (tx) => {
          const [row] = await tx.unsafe(
            `explain (analyze, format json) ${statement.sql}`,
            statement.params as never[],
          );
          const [result] = row?.["QUERY PLAN"] as [
            { "Planning Time": number; "Execution Time": number },
          ];
          runs.push({ planningMs: result["Planning Time"], executionMs: result["Execution Time"] });
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
    }
    const best = runs.reduce((a, b) => (b.executionMs < a.executionMs ? b : a));
    timings.push({ path, sql: statement.sql, ...best });
  }

  /** Runs a hot path, then checks the plan of every statement it sent. */
  async function expectIndexed(path: string, run: () => Promise<unknown>): Promise<void> {
    const statements = await recorder.record(run);
    expect(statements.length, `${path} sent no statement`).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const statement of statements) {
      if (measureUrl) await time(path, statement);
      const tree = await plan(statement);
      for (const scan of fullScans(tree, LARGE_TABLES, leadingColumns, partialIndexes)) {
        const accepted = WHOLE_TABLE_READS.find(
          (a) =>
            a.table === scan.table &&
            ("statement" in a
              ? a.statement === statement.sql
              : "containing" in a
                ? statement.sql.includes(a.containing)
                : a.path.test(path)),
        );
        if (accepted) {
          acceptedSeen.add(accepted);
          continue;
        }
        problems.push(
          `${path}: reads all of ${scan.table} — ${scan.node}` +
            (scan.filter ? `\n  filter: ${scan.filter}` : "") +
            `\n  statement: ${statement.sql}`,
        );
      }
    }
    expect(problems).toEqual([]);
  }

  it("signs in and counts failed sign-ins through indexes", async () => {
    await expectIndexed("sign-in", async () => {
      const right = { email: "nurse@demo.kapstone.test", password: DEMO_PASSWORD };
      const wrong = { email: "admin@demo.kapstone.test", password: "not-the-password" };
      expect(await authenticate(handle.db, right, "198.51.100.23")).not.toBeNull();
      expect(await authenticate(handle.db, wrong, "198.51.100.23")).toBeNull();
      await startUserSession(handle.db, staff.nurse.id, "198.51.100.23");
    });
  });

  it("finds the signed-in user and their sign-in session through indexes", async () => {
    await signIn("nurse");
    await expectIndexed("current user", async () => {
      expect(await getCurrentUser()).toMatchObject({ id: staff.nurse.id });
      await requirePage("/today");
    });
  });

  const caseloadQueries: [string, CaseloadQuery][] = [
    ["whole clinic by name", { scope: "all" }],
    ["own caseload", { scope: "mine" }],
    ["by status", { scope: "all", status: "active" }],
    ["search", { scope: "all", query: "son" }],
    ["search by MRN", { scope: "all", query: "KAP-00" }],
    ["by MRN", { scope: "all", sort: "mrn" }],
    ["by next session", { scope: "all", sort: "next-session" }],
    ["by status order", { scope: "all", sort: "status", page: 3 }],
    ["safety flag", { scope: "all", flag: "suicidal-ideation" }],
    ["not responding", { scope: "all", progress: "not-responding" }],
  ];

  it.each(caseloadQueries)(
    "lists the caseload (%s) through indexes, from the API and the page",
    async (name, query) => {
      await signIn("psychiatrist");
      await expectIndexed(`GET /api/v1/patients (${name})`, () =>
        ok(
          callOperation(ops.listPatients, {
            query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
          }),
        ),
      );
      await expectIndexed(`/patients page (${name})`, () =>
        listCaseload(handle.db, actor("psychiatrist"), query),
      );
    },
  );

  it("opens a patient through indexes", async () => {
    await signIn("psychiatrist");
    const psychiatrist = actor("psychiatrist");
    await expectIndexed("/patients/[id] page", () =>
      Promise.all([
        getPatientHeader(handle.db, psychiatrist, patientId),
        patientSafety(handle.db, psychiatrist, patientId),
        getPatientProgress(handle.db, psychiatrist, patientId),
        getCourseTimeline(handle.db, psychiatrist, patientId),
        listAssessments(handle.db, psychiatrist, patientId),
        listNotes(handle.db, psychiatrist, patientId),
        listCourses(handle.db, psychiatrist, patientId),
      ]),
    );
    await expectIndexed("GET /api/v1/patients/{id}/progress", () =>
      ok(callOperation(ops.getProgress, { params: { id: patientId } })),
    );
  });

  it("opens a session through indexes", async () => {
    await signIn("nurse");
    await expectIndexed("/sessions/[id] page", async () => {
      const view = await sessionViewForPage(staff.nurse, liveSessionId);
      expect(view.access).toBe("clinical");
    });
  });

  it("records vitals, and answers a retried entry, through indexes", async () => {
    await signIn("nurse");
    const entry = {
      params: { id: liveSessionId },
      body: { systolic: 131, diastolic: 84, heartRate: 78, spo2: 97 },
      headers: { "idempotency-key": randomUUID() },
    };
    await expectIndexed("POST /api/v1/sessions/{id}/vitals", () =>
      ok(callOperation(ops.recordVitals, entry)),
    );
    await expectIndexed("POST /api/v1/sessions/{id}/vitals (retried)", async () => {
      const replay = await ok(callOperation(ops.recordVitals, entry));
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
    });
  });

  it("answers a retried assessment through indexes", async () => {
    await signIn("psychiatrist");
    const entry = {
      params: { id: patientId },
      body: { instrument: "PHQ-9", items: [1, 1, 1, 1, 1, 1, 1, 1, 0] },
      headers: { "idempotency-key": randomUUID() },
    };
    await ok(callOperation(ops.recordAssessment, entry));
    await expectIndexed("POST /api/v1/patients/{id}/assessments (retried)", () =>
      ok(callOperation(ops.recordAssessment, entry)),
    );
  });

  it("shows the Today board, the schedule and the session list through indexes", async () => {
    await signIn("nurse");
    const nurse = actor("nurse");
    await expectIndexed("/today page", () =>
      Promise.all([
        listAgenda(handle.db, nurse, { from: clinicDay.start, to: clinicDay.end }),
        listAgenda(handle.db, nurse, { from: clinicDay.start, to: clinicDay.end, mine: true }),
      ]),
    );
    await expectIndexed("/schedule page (week)", () =>
      Promise.all([
        listAgenda(handle.db, nurse, { from: week.start, to: week.end }),
        listRooms(handle.db, nurse, { active: true }),
        getClinicHours(handle.db, nurse),
      ]),
    );
    const [room] = await handle.db.select({ id: schema.rooms.id }).from(schema.rooms).limit(1);
    const range = { from: week.start.toISOString(), to: week.end.toISOString() };
    await expectIndexed("GET /api/v1/sessions", () =>
      Promise.all([
        ok(callOperation(ops.listSessions, { query: range })),
        ok(callOperation(ops.listSessions, { query: { ...range, roomId: room?.id ?? "" } })),
        ok(callOperation(ops.listSessions, { query: { ...range, staffId: staff.nurse.id } })),
      ]),
    );
  });

  it("shows the live monitor through indexes", async () => {
    await signIn("nurse");
    await expectIndexed("/monitor page", async () => {
      const board = await listActiveSessions(handle.db, actor("nurse"), NOW);
      expect(board.map((s) => s.id)).toContain(liveSessionId);
    });
  });

  it("pages through the audit log through indexes", async () => {
    await signIn("admin");
    const admin = actor("admin");
    const filters = [
      {},
      { page: 2 },
      { actorId: staff.nurse.id },
      { patientId },
      { action: "patient.read" },
      { outcome: "denied" },
      { from: "2026-03-01", to: "2026-03-11" },
    ];
    await expectIndexed("/admin/audit page", () =>
      Promise.all([
        auditActorOptions(handle.db, admin),
        ...filters.map((filter) => listAuditEvents(handle.db, admin, filter)),
      ]),
    );
  });

  it("still needs every whole-table read it accepts", () => {
    const unused = WHOLE_TABLE_READS.filter((a) => !acceptedSeen.has(a));
    expect(
      unused.map((a) =>
        "statement" in a ? a.statement : "containing" in a ? a.containing : String(a.path),
      ),
    ).toEqual([]);
  });
});

function reportTimings(timings: Timing[]): void {
  const slowest = [...timings].sort((a, b) => b.executionMs - a.executionMs);
  const lines = slowest.map(
    (t) =>
      `${t.executionMs.toFixed(2).padStart(9)} ms  (plan ${t.planningMs.toFixed(2)} ms)  ${t.path}\n` +
      `             ${t.sql.replace(/\s+/g, " ").slice(0, 220)}`,
  );
  console.log(`\nEXPLAIN ANALYZE, best of three, slowest first:\n${lines.join("\n")}\n`);
  const file = process.env.KAPSTONE_PLANS_REPORT;
  if (file) writeFileSync(file, JSON.stringify(slowest, null, 2));
}
