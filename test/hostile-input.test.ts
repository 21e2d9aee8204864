/**
 * Hostile input: property-based tests that throw wrong types, missing and unknown fields, huge
 * strings and arrays, unicode and control characters, SQL and markup, boundary numbers, other
 * records' ids, malformed JSON and hostile headers at every write operation (and, more lightly,
 * at the read operations' query strings and path ids), as a role allowed to call each one, on a
 * freshly seeded demo clinic on every engine. Whatever is sent, the answer is never a 5xx; an
 * error answer has the documented shape and leaks no stack or SQL; a refused request writes
 * nothing but its one audit row; an accepted one writes exactly what the operation writes.
 *
 * Two table-driven probes come first: NUL and a lone surrogate in every text field, and the
 * calendar's first and last days in every date field, each reported field by field.
 *
 * HOSTILE_RUNS sets the number of cases per write operation (read operations get a third);
 * the long run: HOSTILE_RUNS=1000 npx vitest run test/hostile-input.test.ts
 */
import { eq, sql, count } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import {
  adverseEvents,
  alerts,
  assessments,
  auditEvents,
  doseAdministrations,
  doseOrders,
  locations,
  notes,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  vitals,
  type Role,
} from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { Operation } from "@/lib/api/operations";
import { errorSchema } from "@/lib/api/schemas";
import { can, ROLES } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { HTTP_STATUS, type ErrorCode } from "@/lib/errors";
import { allOperations, callOperation, installDatabase, type ApiAnswer } from "./api-harness";
import { loadFixture, sampleRequests, type Fixture } from "./api-fixture";
import { ENGINES, freshDatabase } from "./databases";
import {
  alternativesOf,
  boundaryNumber,
  cloneJson,
  defineOwn,
  fieldsOf,
  hostileHeaderValue,
  hostileQueryValue,
  hostileString,
  hostileValue,
  hugeArray,
  isSendableHeaderValue,
  jsonSchemaOf,
  malformedJson,
  plausibleObject,
  plausibleValue,
  toJsonText,
  typesOf,
  withoutValueAt,
  withValueAt,
  wrongTypeValue,
  type Field,
  type JsonSchema,
  type ValueContext,
} from "./hostile-arbitraries";
import { actAs } from "./signed-in-as";

vi.mock("@/lib/auth/current-user", () => import("./signed-in-as"));

const DEFAULT_RUNS = 30;
const RUNS = Math.max(1, Math.floor(Number(process.env.HOSTILE_RUNS ?? DEFAULT_RUNS)) || 1);
const READ_RUNS = Math.max(1, Math.ceil(RUNS / 3));
/** Room for the slowest cases (1 MB bodies, 100k-element arrays) at any number of runs. */
const timeoutFor = (runs: number) => 30_000 + runs * 250;

// ---------------------------------------------------------------------------------------------
// Who calls each operation: a role the matrix allows, the front desk for front-desk work.

const FRONT_DESK_CAPABILITIES = new Set(["schedule:manage", "users:manage", "patients:write"]);

function callerFor(op: Operation): Role {
  if (op.access === "public" || op.access === "signed-in") return "psychiatrist";
  const preferred: Role = FRONT_DESK_CAPABILITIES.has(op.access) ? "admin" : "psychiatrist";
  if (can(preferred, op.access)) return preferred;
  const anyone = ROLES.find((role) => can(role, op.access as Parameters<typeof can>[1]));
  if (!anyone) throw new Error(`${op.operationId}: no role may call it`);
  return anyone;
}

/** Operations that end a record's life last, so the others meet a live clinic first. */
const LAST = [
  "dischargeSession",
  "markNoShow",
  "cancelSession",
  "updateStaff",
  "changeOwnPassword",
];
const WRITE_OPS = allOperations
  .filter((op) => op.method !== "GET")
  .sort((a, b) => Number(LAST.includes(a.operationId)) - Number(LAST.includes(b.operationId)));
const READ_OPS = allOperations.filter((op) => op.method === "GET");

// ---------------------------------------------------------------------------------------------
// Row counts of every clinical table, in one query.

const COUNTED = {
  patients,
  treatment_courses: treatmentCourses,
  dose_orders: doseOrders,
  sessions,
  dose_administrations: doseAdministrations,
  vitals,
  alerts,
  assessments,
  adverse_events: adverseEvents,
  notes,
  users,
  rooms,
  locations,
  audit_events: auditEvents,
} as const;
type Table = keyof typeof COUNTED;
type Counts = Record<Table, number>;
const TABLES = Object.keys(COUNTED) as Table[];

async function countRows(db: Db): Promise<Counts> {
  const columns = Object.fromEntries(
    TABLES.map((name) => [
      name,
      sql<number>`(${db.select({ n: count() }).from(COUNTED[name])})`.mapWith(Number),
    ]),
  ) as Record<Table, ReturnType<typeof sql<number>>>;
  const [row] = await db.select(columns).from(sql`(select 1) as one`);
  if (!row) throw new Error("no counts");
  return row as Counts;
}

/**
 * The rows an accepted request adds, by table (`"some"`: any number, none included). Every
 * table not named stays as it was; the audit log is checked on its own.
 */
const GROWTH: Record<string, (body: unknown) => Partial<Record<Table, number | "some">>> = {
  writeNote: () => ({ notes: 1 }),
  recordDose: () => ({ dose_administrations: 1 }),
  recordVitals: () => ({ vitals: 1, alerts: "some" }),
  amendVitals: () => ({ vitals: 1, alerts: "some" }),
  recordAdverseEvent: () => ({ adverse_events: 1 }),
  recordDissociation: () => ({ assessments: 1 }),
  recordAssessment: () => ({ assessments: 1 }),
  createCourse: () => ({ treatment_courses: 1 }),
  signDoseOrder: () => ({ dose_orders: 1 }),
  bookSession: () => ({ sessions: 1 }),
  bookSeries: (body) => ({
    sessions: Array.isArray((body as { sessions?: unknown[] }).sessions)
      ? (body as { sessions: unknown[] }).sessions.length
      : 0,
  }),
  createStaff: () => ({ users: 1 }),
  registerPatient: () => ({ patients: 1 }),
  createRoom: () => ({ rooms: 1 }),
};

/** For accepted creations: the stored text is the text sent (after the schema's trimming). */
const READ_BACK: Record<
  string,
  { table: Table; fields: [bodyField: string, column: string][] } | undefined
> = {
  writeNote: { table: "notes", fields: [["body", "body"]] },
  recordAdverseEvent: {
    table: "adverse_events",
    fields: [
      ["description", "description"],
      ["actionTaken", "actionTaken"],
    ],
  },
  registerPatient: {
    table: "patients",
    fields: [
      ["firstName", "givenName"],
      ["lastName", "familyName"],
    ],
  },
  createStaff: {
    table: "users",
    fields: [
      ["name", "name"],
      ["email", "email"],
    ],
  },
  createRoom: { table: "rooms", fields: [["name", "name"]] },
};

// ---------------------------------------------------------------------------------------------
// The clinic's real records, by kind, and how they hang together.

type Kind =
  | "patient"
  | "session"
  | "course"
  | "order"
  | "user"
  | "room"
  | "location"
  | "vitals"
  | "alert"
  | "event"
  | "dose"
  | "assessment"
  | "note";

type World = {
  fixture: Fixture;
  now: number;
  kindOf: Map<string, Kind>;
  byKind: Record<Kind, string[]>;
  /** Child record → its session. */
  sessionOf: Map<string, string>;
  /** Session or course → its patient. */
  patientOf: Map<string, string>;
  /** The callers themselves: never renamed, demoted or deactivated by a case. */
  callers: Set<string>;
};

async function loadWorld(db: Db, fixture: Fixture): Promise<World> {
  const byKind = {} as Record<Kind, string[]>;
  const kindOf = new Map<string, Kind>();
  const sessionOf = new Map<string, string>();
  const patientOf = new Map<string, string>();
  const add = (kind: Kind, ids: string[]) => {
    byKind[kind] = ids;
    for (const id of ids) kindOf.set(id, kind);
  };
  const ss = await db.select({ id: sessions.id, patientId: sessions.patientId }).from(sessions);
  for (const s of ss) patientOf.set(s.id, s.patientId);
  add(
    "session",
    ss.map((s) => s.id),
  );
  const cs = await db
    .select({ id: treatmentCourses.id, patientId: treatmentCourses.patientId })
    .from(treatmentCourses);
  for (const c of cs) patientOf.set(c.id, c.patientId);
  add(
    "course",
    cs.map((c) => c.id),
  );
  for (const [kind, table] of [
    ["vitals", vitals],
    ["alert", alerts],
    ["event", adverseEvents],
    ["dose", doseAdministrations],
  ] as const) {
    const rows = await db.select({ id: table.id, sessionId: table.sessionId }).from(table);
    for (const r of rows) sessionOf.set(r.id, r.sessionId);
    add(
      kind,
      rows.map((r) => r.id),
    );
  }
  for (const [kind, table] of [
    ["patient", patients],
    ["order", doseOrders],
    ["user", users],
    ["room", rooms],
    ["location", locations],
    ["assessment", assessments],
    ["note", notes],
  ] as const) {
    add(
      kind,
      (await db.select({ id: table.id }).from(table)).map((r) => r.id),
    );
  }
  return {
    fixture,
    now: Date.now(),
    kindOf,
    byKind,
    sessionOf,
    patientOf,
    callers: new Set(Object.values(fixture.staff).map((u) => u.id)),
  };
}

/** The kind of record a path parameter names. */
function paramKind(op: Operation, name: string): Kind | null {
  const child: Record<string, Kind> = {
    doseId: "dose",
    vitalsId: "vitals",
    eventId: "event",
    alertId: "alert",
  };
  if (child[name]) return child[name];
  if (name !== "id") return null;
  const resource = op.path.replace(/^\/api\/(v1\/)?/, "").split("/")[0];
  const byResource: Record<string, Kind> = {
    patients: "patient",
    sessions: "session",
    courses: "course",
    users: "user",
    rooms: "room",
  };
  return byResource[resource ?? ""] ?? null;
}

/** The kind of record a body (or query) field names. */
const FIELD_KIND: Record<string, Kind> = {
  patientId: "patient",
  sessionId: "session",
  courseId: "course",
  roomId: "room",
  psychiatristId: "user",
  nurseId: "user",
  locationId: "location",
  actorId: "user",
  staffId: "user",
};

/**
 * Why this request must be refused although every field is well formed: it names a record that
 * does not exist, a record of another kind, or a record of another session or patient.
 */
function referenceProblem(
  op: Operation,
  params: Record<string, string>,
  body: unknown,
  world: World,
): string | null {
  for (const [name, value] of Object.entries(params)) {
    const kind = paramKind(op, name);
    if (kind && world.kindOf.get(value) !== kind) return `path ${name} names no ${kind}`;
    if (kind && ["dose", "vitals", "event", "alert"].includes(kind)) {
      if (world.sessionOf.get(value) !== params.id) return `path ${name} is another session's`;
    }
  }
  if (body === null || typeof body !== "object") return null;
  const record = body as Record<string, unknown>;
  for (const [name, kind] of Object.entries(FIELD_KIND)) {
    const value = record[name];
    if (typeof value !== "string") continue;
    if (world.kindOf.get(value) !== kind) return `body ${name} names no ${kind}`;
  }
  const patientId =
    op.path.startsWith("/api/v1/patients/{id}") && params.id
      ? params.id
      : typeof record.patientId === "string"
        ? record.patientId
        : null;
  for (const name of ["sessionId", "courseId"]) {
    const value = record[name];
    if (typeof value === "string" && patientId && world.patientOf.get(value) !== patientId) {
      return `body ${name} is another patient's`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cases.

type Call = {
  params: Record<string, string>;
  query?: Record<string, string>;
  /** Raw body text: sent exactly as it is. */
  body?: string;
  headers?: Record<string, string>;
};

const clip = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

class HostileCase {
  constructor(
    readonly label: string,
    readonly call: Call,
  ) {}

  describe(): string {
    const parts = [this.label];
    if (Object.keys(this.call.params).length)
      parts.push(`params=${clip(JSON.stringify(this.call.params))}`);
    if (this.call.query) parts.push(`query=${clip(JSON.stringify(this.call.query))}`);
    if (this.call.headers) parts.push(`headers=${clip(JSON.stringify(this.call.headers))}`);
    if (this.call.body !== undefined) parts.push(`body=${clip(JSON.stringify(this.call.body))}`);
    return parts.join(" ");
  }

  [fc.toStringMethod](): string {
    return this.describe();
  }
}

/** Text PostgreSQL cannot hold as it is: NUL (text and jsonb) and a lone surrogate (jsonb). */
const UNSTORABLE = {
  NUL: "note \u0000 with a NUL",
  "lone surrogate": "note \ud800 alone",
};

const IDEMPOTENCY_KEYS = ["hostile-key-0001", "hostile-key-0002", "hostile:key.0003"];
const EXTRA_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "id",
  "patientId",
  "status",
  "createdBy",
  "role",
  "isAdmin",
  "$where",
  "",
  " ",
  "kind ",
  "a".repeat(10_000),
];

function encodable(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

function uuidContext(world: World, includeCallers: boolean): ValueContext {
  const real = [...world.kindOf.keys()].filter((id) => includeCallers || !world.callers.has(id));
  return {
    now: world.now,
    uuid: fc.oneof(
      { arbitrary: fc.constantFrom(...real), weight: 3 },
      { arbitrary: fc.uuid(), weight: 1 },
    ),
  };
}

/** A replacement for an id: the same kind (often another patient's), another kind, or none. */
function idReplacement(world: World, kind: Kind | null, forParam: boolean): fc.Arbitrary<string> {
  const ctx = uuidContext(world, !forParam);
  const same = (kind ? world.byKind[kind] : []).filter(
    (id) => !(forParam && world.callers.has(id)),
  );
  return same.length > 0
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...same), weight: 3 },
        { arbitrary: ctx.uuid, weight: 2 },
      )
    : ctx.uuid;
}

function weighted<T>(arbitrary: fc.Arbitrary<T>, weight: number) {
  return { arbitrary, weight };
}

/**
 * Well-formed bodies for operations whose shared sample does not match its own schema (so that
 * the mutations start from a request that could succeed).
 */
function repairedBodies(f: Fixture): Record<string, unknown> {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  inAWeek.setUTCHours(15, 0, 0, 0);
  const start = inAWeek.toISOString();
  const end = new Date(inAWeek.getTime() + 90 * 60_000).toISOString();
  const team = { patientId: f.patientId, template: "iv-induction", roomId: f.roomId };
  return {
    previewSeries: { ...team, firstDate: start.slice(0, 10), weekdays: [1, 3], time: "10:00" },
    bookSeries: { ...team, sessions: [{ kind: "dosing", dosingNumber: 1, start, end }] },
  };
}

/** The request every case of an operation starts from: the shared sample, repaired if need be. */
function baseRequest(
  op: Operation,
  world: World,
): { params: Record<string, string>; body: unknown } {
  const sample = sampleRequests(world.fixture)[op.operationId] ?? {};
  const params = sample.params ?? {};
  const body: unknown = sample.body ?? {};
  if (!op.body || op.body.safeParse(body).success) return { params, body };
  const repaired = repairedBodies(world.fixture)[op.operationId];
  if (repaired === undefined || !op.body.safeParse(repaired).success) {
    throw new Error(`${op.operationId}: the sample body does not match the operation's schema`);
  }
  return { params, body: repaired };
}

function writeCases(op: Operation, world: World): fc.Arbitrary<HostileCase> {
  const { params, body: sampleBody } = baseRequest(op, world);
  const sampleText = toJsonText(sampleBody);
  const node = op.body ? jsonSchemaOf(op.body) : null;
  const fields: Field[] = node ? fieldsOf(node, sampleBody) : [];
  const ctx = uuidContext(world, true);
  const at = (label: string, body: unknown, extra: Partial<Call> = {}) =>
    new HostileCase(label, { params, body: toJsonText(body), ...extra });
  const pathOf = (f: Field) => f.path.join(".");

  const cases: { arbitrary: fc.Arbitrary<HostileCase>; weight: number }[] = [];
  if (node && fields.length > 0) {
    cases.push(
      weighted(
        fc
          .constantFrom(...fields)
          .chain((f) =>
            wrongTypeValue(f.node).map((v) =>
              at(`wrong type at ${pathOf(f)}`, withValueAt(sampleBody, f.path, v)),
            ),
          ),
        3,
      ),
      weighted(
        fc
          .constantFrom(...fields)
          .chain((f) =>
            plausibleValue(f.node, String(f.path.at(-1)), ctx).map((v) =>
              at(`other value at ${pathOf(f)}`, withValueAt(sampleBody, f.path, v)),
            ),
          ),
        2,
      ),
      weighted(
        plausibleObject(node, ctx).map((body) => at("schema-shaped body", body)),
        3,
      ),
      weighted(
        fc
          .constantFrom(...fields)
          .chain((f) =>
            hugeArray.map((v) =>
              at(`huge array at ${pathOf(f)}`, withValueAt(sampleBody, f.path, v)),
            ),
          ),
        1,
      ),
    );
    const required = fields.filter((f) => f.required);
    if (required.length > 0) {
      cases.push(
        weighted(
          fc.subarray(required, { minLength: 1 }).map((gone) =>
            at(
              `missing ${gone.map(pathOf).join(", ")}`,
              gone.reduce<unknown>((body, f) => withoutValueAt(body, f.path), sampleBody),
            ),
          ),
          1,
        ),
      );
    }
    const stringFields = fields.filter((f) => typesOf(f.node).has("string"));
    if (stringFields.length > 0) {
      cases.push(
        weighted(
          fc
            .tuple(fc.constantFrom(...stringFields), hostileString)
            .map(([f, v]) =>
              at(`hostile string at ${pathOf(f)}`, withValueAt(sampleBody, f.path, v)),
            ),
          4,
        ),
      );
    }
    const numberFields = fields.filter(
      (f) => typesOf(f.node).has("number") || typesOf(f.node).has("integer"),
    );
    if (numberFields.length > 0) {
      cases.push(
        weighted(
          fc
            .tuple(fc.constantFrom(...numberFields), boundaryNumber)
            .map(([f, v]) =>
              at(`boundary number at ${pathOf(f)}`, withValueAt(sampleBody, f.path, v)),
            ),
          3,
        ),
      );
    }
  }
  // Unknown fields, including ones that look like the server's own.
  cases.push(
    weighted(
      fc
        .tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 20 })), hostileValue)
        .map(([key, value]) => {
          const body = cloneJson(sampleBody) as Record<string, unknown>;
          defineOwn(body, key, value);
          return at(`extra field ${clip(JSON.stringify(key), 40)}`, body);
        }),
      1,
    ),
  );
  // Not JSON, not an object, truncated, nested 10k deep, duplicate keys.
  cases.push(
    weighted(
      malformedJson(sampleText, sampleBody).map(
        (text) => new HostileCase("malformed body", { params, body: text }),
      ),
      2,
    ),
  );
  // Other records' ids in the path and in the body.
  const idFields = fields.filter((f) => f.path.length === 1 && FIELD_KIND[String(f.path[0])]);
  const idTargets = [
    ...Object.keys(params).map((name) => ({ where: "path" as const, name })),
    ...idFields.map((f) => ({ where: "body" as const, name: String(f.path[0]) })),
  ];
  if (idTargets.length > 0) {
    cases.push(
      weighted(
        fc.constantFrom(...idTargets).chain((target) => {
          const kind =
            target.where === "path"
              ? paramKind(op, target.name)
              : (FIELD_KIND[target.name] ?? null);
          return idReplacement(world, kind, target.where === "path").map((id) =>
            target.where === "path"
              ? new HostileCase(`other id in path ${target.name}`, {
                  params: { ...params, [target.name]: id },
                  body: sampleText,
                })
              : at(`other id in body ${target.name}`, withValueAt(sampleBody, [target.name], id)),
          );
        }),
        3,
      ),
    );
  }
  if (Object.keys(params).length > 0) {
    cases.push(
      weighted(
        fc.tuple(fc.constantFrom(...Object.keys(params)), hostileString.filter(encodable)).map(
          ([name, value]) =>
            new HostileCase(`hostile path ${name}`, {
              params: { ...params, [name]: value },
              body: sampleText,
            }),
        ),
        1,
      ),
    );
  }
  // Headers: a hostile Idempotency-Key, request id or content type.
  const headerNames = [
    ...(op.idempotent ? ["Idempotency-Key", "Idempotency-Key"] : []),
    "X-Request-Id",
    "Content-Type",
  ];
  cases.push(
    weighted(
      fc
        .tuple(fc.constantFrom(...headerNames), hostileHeaderValue.filter(isSendableHeaderValue))
        .map(
          ([name, value]) =>
            new HostileCase(`hostile header ${name}`, {
              params,
              body: sampleText,
              headers: { [name]: value },
            }),
        ),
      op.idempotent ? 3 : 1,
    ),
  );
  if (op.idempotent) {
    // A few keys used again and again, with bodies that differ: a replay stores nothing new.
    cases.push(
      weighted(
        fc
          .tuple(
            fc.constantFrom(...IDEMPOTENCY_KEYS),
            node && fields.length > 0
              ? fc.option(
                  fc
                    .constantFrom(...fields)
                    .chain((f) =>
                      plausibleValue(f.node, String(f.path.at(-1)), ctx).map((v) =>
                        withValueAt(sampleBody, f.path, v),
                      ),
                    ),
                  { nil: undefined },
                )
              : fc.constant(undefined),
          )
          .map(
            ([key, body]) =>
              new HostileCase("repeated Idempotency-Key", {
                params,
                body: toJsonText(body ?? sampleBody),
                headers: { "Idempotency-Key": key },
              }),
          ),
        2,
      ),
    );
  }
  return fc.oneof(...cases);
}

function readCases(op: Operation, world: World): fc.Arbitrary<HostileCase> {
  const sample = sampleRequests(world.fixture)[op.operationId] ?? {};
  const params = sample.params ?? {};
  const query = sample.query ?? {};
  const node = op.query ? jsonSchemaOf(op.query) : null;
  const known = Object.keys(node?.properties ?? {});
  const ctx = uuidContext(world, true);
  const cases: { arbitrary: fc.Arbitrary<HostileCase>; weight: number }[] = [];
  const keyArb = known.length > 0 ? fc.constantFrom(...known) : fc.constant("q");
  cases.push(
    weighted(
      fc
        .dictionary(
          fc.oneof(
            keyArb,
            fc.constantFrom(...EXTRA_KEYS.filter(Boolean)),
            fc.string({ maxLength: 12 }),
          ),
          hostileQueryValue,
          { minKeys: 1, maxKeys: 6 },
        )
        .map(
          (extra) => new HostileCase("hostile query", { params, query: { ...query, ...extra } }),
        ),
      4,
    ),
  );
  if (node) {
    cases.push(
      weighted(
        plausibleObject(node, ctx).map(
          (values) =>
            new HostileCase("schema-shaped query", {
              params,
              query: Object.fromEntries(
                Object.entries(values).map(([k, v]) => [
                  k,
                  typeof v === "string" ? v : toJsonText(v),
                ]),
              ),
            }),
        ),
        3,
      ),
    );
  }
  cases.push(
    weighted(
      fc.integer({ min: 200, max: 2_000 }).map(
        (n) =>
          new HostileCase(`${n} query parameters`, {
            params,
            query: Object.fromEntries(
              Array.from({ length: n }, (_, i) => [`k${i}`, "' or 1=1 --"]),
            ),
          }),
      ),
      1,
    ),
  );
  if (Object.keys(params).length > 0) {
    cases.push(
      weighted(
        fc
          .tuple(
            fc.constantFrom(...Object.keys(params)),
            fc.oneof(hostileString.filter(encodable), idReplacement(world, null, true)),
          )
          .map(
            ([name, value]) =>
              new HostileCase(`hostile path ${name}`, {
                params: { ...params, [name]: value },
                query,
              }),
          ),
        2,
      ),
    );
  }
  return fc.oneof(...cases);
}

// ---------------------------------------------------------------------------------------------
// What every answer must look like.

const KNOWN_CODES = Object.keys(HTTP_STATUS) as ErrorCode[];
/** Text that only a stack trace or a database error would put in an answer. */
const LEAKS = [
  /^\s+at \S/m,
  /\([^()\s]+:\d+:\d+\)/,
  /node_modules/,
  /\.tsx?:\d+/,
  /\binsert into\b/i,
  /\bselect\s.+\bfrom\b/i,
  /\bviolates\b/i,
  /duplicate key/i,
  /syntax error at/i,
  /invalid input syntax/i,
  /out of range for type/i,
  /relation "/i,
  /column "/i,
  /\bPGlite\b|postgres(ql)?\b.*error/i,
];

/** The body as the route reads it: UTF-8 on the wire (a lone surrogate becomes U+FFFD), no BOM. */
function asReceived(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

const DRY_RUNS = ["previewSeries"];

type Expectation = { status?: number; why?: string; mustFail?: string };

/** The answer the contract dictates for this call, as far as it does. */
function expectationFor(op: Operation, c: HostileCase, world: World): Expectation {
  if (op.params && !op.params.safeParse(c.call.params).success) {
    return { status: 404, why: "a malformed id names nothing" };
  }
  if (op.query) {
    const url = new URL("http://kapstone.test");
    for (const [k, v] of Object.entries(c.call.query ?? {})) url.searchParams.set(k, v);
    if (!op.query.safeParse(Object.fromEntries(url.searchParams)).success) {
      return { status: 400, why: "the query does not match its schema" };
    }
  }
  let body: unknown = undefined;
  if (op.body) {
    const text = asReceived(c.call.body ?? "");
    let raw: unknown;
    try {
      raw = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return { status: 400, why: "the body is not JSON" };
    }
    const parsed = op.body.safeParse(raw);
    if (!parsed.success) return { status: 400, why: "the body does not match its schema" };
    body = parsed.data;
  }
  if (op.idempotent) {
    const key = new Headers(c.call.headers).get("idempotency-key");
    if (key && !/^[A-Za-z0-9._:-]{8,100}$/.test(key)) {
      return { status: 400, why: "the Idempotency-Key is malformed" };
    }
  }
  // Reads of an unknown record may answer an empty list; a preview is a dry run that stores
  // nothing. Every other write naming a record that is not there (or not this one's) must fail.
  if (op.method === "GET" || DRY_RUNS.includes(op.operationId)) return {};
  const problem = referenceProblem(op, c.call.params, body, world);
  return problem ? { mustFail: problem } : {};
}

function fail(op: Operation, c: HostileCase, answer: ApiAnswer, message: string): never {
  throw new Error(
    `${op.operationId} (${op.method} ${op.path}): ${message}\n  case: ${c.describe()}\n  answer: ${answer.status} ${clip(answer.text, 600)}`,
  );
}

function checkErrorAnswer(op: Operation, c: HostileCase, answer: ApiAnswer): void {
  const shape = errorSchema.safeParse(answer.json);
  if (!shape.success) fail(op, c, answer, "the error body is not the documented shape");
  const error = (answer.json as { error: Record<string, unknown> }).error;
  const extra = Object.keys(error).filter(
    (k) => !["code", "message", "requestId", "details"].includes(k),
  );
  if (extra.length > 0)
    fail(op, c, answer, `the error has undocumented fields: ${extra.join(", ")}`);
  const code = error.code as ErrorCode;
  if (!KNOWN_CODES.includes(code)) fail(op, c, answer, `unknown error code ${String(code)}`);
  if (HTTP_STATUS[code] !== answer.status) {
    fail(op, c, answer, `code ${code} answered with status ${answer.status}`);
  }
  if (typeof error.message !== "string" || error.message.trim() === "") {
    fail(op, c, answer, "the error message is empty");
  }
  const requestId = answer.headers.get("x-request-id");
  if (!requestId || error.requestId !== requestId) {
    fail(op, c, answer, "the error's requestId is not the X-Request-Id header");
  }
  const sent = [
    c.call.body ?? "",
    JSON.stringify(c.call.params),
    JSON.stringify(c.call.query ?? {}),
    JSON.stringify(c.call.headers ?? {}),
  ].join("\n");
  // The raw text and every string in it decoded (a stack's line breaks are escaped in JSON).
  const strings = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : value !== null && typeof value === "object"
        ? Object.values(value).flatMap(strings)
        : [];
  const visible = [answer.text, ...strings(answer.json)].join("\n");
  for (const leak of LEAKS) {
    // Text the request itself carried may be named back (a field's value); anything else is a leak.
    if (leak.test(visible) && !leak.test(sent)) {
      fail(op, c, answer, `the answer leaks internals (${leak})`);
    }
  }
}

function changedTables(before: Counts, after: Counts): string[] {
  return TABLES.filter((t) => t !== "audit_events" && before[t] !== after[t]).map(
    (t) => `${t} ${before[t]}→${after[t]}`,
  );
}

async function checkAcceptedWrite(
  db: Db,
  op: Operation,
  c: HostileCase,
  answer: ApiAnswer,
  before: Counts,
  after: Counts,
): Promise<void> {
  const text = asReceived(c.call.body ?? "").trim();
  const body: unknown = op.body ? op.body.parse(text === "" ? {} : JSON.parse(text)) : {};
  const replayed = answer.headers.get("idempotent-replayed") === "true";
  const growth = replayed ? {} : (GROWTH[op.operationId]?.(body) ?? {});
  for (const table of TABLES) {
    if (table === "audit_events") continue;
    const expected = growth[table] ?? 0;
    const grew = after[table] - before[table];
    const ok = expected === "some" ? grew >= 0 : grew === expected;
    if (!ok) {
      fail(
        op,
        c,
        answer,
        `accepted, but ${table} grew by ${grew} (expected ${expected}); changed: ${changedTables(before, after).join(", ")}`,
      );
    }
  }
  const readBack = READ_BACK[op.operationId];
  const id = (answer.json as { id?: unknown } | null)?.id;
  if (readBack && !replayed && typeof id === "string") {
    const table = COUNTED[readBack.table] as typeof notes;
    const [row] = (await db.select().from(table).where(eq(table.id, id))) as Record<
      string,
      unknown
    >[];
    if (!row) fail(op, c, answer, `accepted, but ${readBack.table} has no row ${id}`);
    for (const [field, column] of readBack.fields) {
      const sent = (body as Record<string, unknown>)[field];
      if (typeof sent !== "string") continue;
      // The drivers send text as UTF-8, where a lone surrogate can only be U+FFFD; a blank
      // optional text is stored as null.
      const expected = sent === "" ? null : sent.toWellFormed();
      if (row[column] !== expected && !(sent === "" && row[column] === "")) {
        fail(
          op,
          c,
          answer,
          `accepted, but ${readBack.table}.${column} holds ${clip(JSON.stringify(row[column]), 80)} for ${clip(JSON.stringify(sent), 80)}`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe.each(ENGINES)("hostile input on %s", (engine) => {
  let handle: DbHandle;
  let world: World;
  /** Statuses of the random cases by operation, and of the table-driven probes (apart). */
  const histogram = new Map<string, Map<number, number>>();
  const probed = new Map<string, Map<number, number>>();
  const elapsed = new Map<string, number>();
  let started = 0;
  let seededIn = 0;

  beforeAll(async () => {
    started = Date.now();
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, { now: new Date(), timeZone: config().clinicTimeZone });
    installDatabase(handle);
    world = await loadWorld(handle.db, await loadFixture(handle.db));
    seededIn = Date.now() - started;
  });

  afterAll(async () => {
    actAs(null);
    await handle.close();
    const spread = (statuses: Map<number, number>) =>
      [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(" ");
    const total = (statuses: Map<number, number>) =>
      [...statuses.values()].reduce((a, b) => a + b, 0);
    const lines = [...histogram.entries()].map(([opId, statuses]) => {
      const seconds = ((elapsed.get(opId) ?? 0) / 1000).toFixed(1);
      return `  ${opId.padEnd(26)} ${String(total(statuses)).padStart(5)} cases ${seconds.padStart(6)} s  ${spread(statuses)}`;
    });
    const probes = new Map<number, number>();
    for (const statuses of probed.values()) {
      for (const [status, n] of statuses) probes.set(status, (probes.get(status) ?? 0) + n);
    }
    console.log(
      [
        `hostile input on ${engine}: ${RUNS} runs per write, ${READ_RUNS} per read, ${((Date.now() - started) / 1000).toFixed(1)} s (seeding ${(seededIn / 1000).toFixed(1)} s)`,
        ...lines,
        `  ${"(table-driven probes)".padEnd(26)} ${String(total(probes)).padStart(5)} cases          ${spread(probes)}`,
      ].join("\n"),
    );
  });

  async function runCase(op: Operation, c: HostileCase, tally = histogram): Promise<void> {
    const db = handle.db;
    const expectation = expectationFor(op, c, world);
    const t0 = Date.now();
    const before = await countRows(db);
    const answer = await callOperation(op, c.call).catch((error: unknown) => {
      // The route answered, then its body broke off (a stream that failed after the headers).
      const message = error instanceof Error ? error.message : String(error);
      return {
        status: 599,
        json: null,
        text: `body broke off: ${message}`,
        headers: new Headers(),
      };
    });
    const after = await countRows(db);
    if (tally === histogram) {
      elapsed.set(op.operationId, (elapsed.get(op.operationId) ?? 0) + Date.now() - t0);
    }
    const statuses = tally.get(op.operationId) ?? new Map<number, number>();
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    tally.set(op.operationId, statuses);

    if (answer.status === 599) fail(op, c, answer, "the answer's body broke off mid-stream");
    // A request id is echoed only when it is a plain one (never a hostile header's text).
    const requestId = answer.headers.get("x-request-id");
    if (requestId !== null && !/^[\w-]{8,64}$/.test(requestId)) {
      fail(op, c, answer, "the X-Request-Id header is not a plain id");
    }
    if (answer.status >= 500) fail(op, c, answer, "a 5xx answer");
    const audited = op.audited === false ? 0 : 1;
    const auditGrowth = after.audit_events - before.audit_events;
    if (auditGrowth !== audited) {
      fail(op, c, answer, `the audit log grew by ${auditGrowth} (expected ${audited})`);
    }
    if (expectation.status !== undefined && answer.status !== expectation.status) {
      fail(op, c, answer, `expected ${expectation.status}: ${expectation.why}`);
    }
    if (answer.status >= 400) {
      if (answer.status >= 500 || answer.status < 400) fail(op, c, answer, "not a 4xx");
      checkErrorAnswer(op, c, answer);
      const changed = changedTables(before, after);
      if (changed.length > 0) fail(op, c, answer, `refused, but wrote: ${changed.join(", ")}`);
      return;
    }
    // A replayed Idempotency-Key answers the first request again and stores nothing (checked
    // below), whatever this request names.
    const replayed = answer.headers.get("idempotent-replayed") === "true";
    if (expectation.mustFail && !replayed) {
      fail(op, c, answer, `accepted although ${expectation.mustFail}`);
    }
    const success = op.successStatus ?? 200;
    if (answer.status !== success)
      fail(op, c, answer, `success answered ${answer.status}, not ${success}`);
    if (op.operationId === "exportAuditCsv") {
      if (!answer.headers.get("content-type")?.startsWith("text/csv")) {
        fail(op, c, answer, "the CSV export is not text/csv");
      }
    } else if (!op.response.safeParse(answer.json).success) {
      fail(op, c, answer, "the success body is not the documented shape");
    }
    if (op.method === "GET") {
      const changed = changedTables(before, after);
      if (changed.length > 0) fail(op, c, answer, `a read wrote: ${changed.join(", ")}`);
      return;
    }
    await checkAcceptedWrite(db, op, c, answer, before, after);
  }

  /**
   * Every value of `values` in every field the predicate picks, of every operation's body and
   * query, one field at a time; all the cases that break a property are reported together.
   */
  async function probeFields(
    picks: (node: JsonSchema) => boolean,
    values: Record<string, string>,
  ): Promise<string[]> {
    const failures: string[] = [];
    const attempt = async (op: Operation, c: HostileCase) => {
      try {
        await runCase(op, c, probed);
      } catch (error) {
        const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
        failures.push(`${first} (${c.label})`);
      }
    };
    for (const op of WRITE_OPS) {
      if (!op.body) continue;
      actAs(world.fixture.staff[callerFor(op)]);
      const { params, body } = baseRequest(op, world);
      for (const f of fieldsOf(jsonSchemaOf(op.body), body).filter((f) => picks(f.node))) {
        for (const [name, value] of Object.entries(values)) {
          const mutated = toJsonText(withValueAt(body, f.path, value));
          const label = `${name} at ${f.path.join(".")}`;
          await attempt(op, new HostileCase(label, { params, body: mutated }));
        }
      }
    }
    for (const op of READ_OPS) {
      if (!op.query) continue;
      actAs(world.fixture.staff[callerFor(op)]);
      const { params = {}, query = {} } = sampleRequests(world.fixture)[op.operationId] ?? {};
      const properties = jsonSchemaOf(op.query).properties ?? {};
      const keys = Object.keys(properties).filter((key) => picks(properties[key] ?? {}));
      for (const key of keys) {
        for (const [name, value] of Object.entries(values)) {
          const c = new HostileCase(`${name} in query ${key}`, {
            params,
            query: { ...query, [key]: value },
          });
          await attempt(op, c);
        }
      }
    }
    return failures;
  }

  const isFreeText = (node: JsonSchema) =>
    typesOf(node).has("string") && !alternativesOf(node).every((a) => a.enum);
  const isDateOrInstant = (node: JsonSchema) =>
    alternativesOf(node).some((a) => a.format === "date" || a.format === "date-time");

  it("NUL and lone surrogates in any text field or query value are refused or stored", async () => {
    expect(await probeFields(isFreeText, UNSTORABLE)).toEqual([]);
  });

  it("the calendar's first and last days in any date field or query are refused or stored", async () => {
    expect(
      await probeFields(isDateOrInstant, {
        "year 0": "0000-01-01",
        "year 0 instant": "0000-06-01T12:00:00Z",
        "year 1 east of UTC": "0001-01-01T00:00:00+23:59",
        "year 9999": "9999-12-31",
        "last instant of 9999": "9999-12-31T23:59:59.999Z",
      }),
    ).toEqual([]);
  });

  it.each(WRITE_OPS.map((op) => [op.operationId, op] as const))(
    "%s: hostile bodies, ids and headers are refused cleanly or stored whole",
    async (_, op) => {
      actAs(world.fixture.staff[callerFor(op)]);
      await fc.assert(
        fc.asyncProperty(writeCases(op, world), (c) => runCase(op, c)),
        { numRuns: RUNS },
      );
    },
    timeoutFor(RUNS),
  );

  it.each(READ_OPS.map((op) => [op.operationId, op] as const))(
    "%s: hostile query strings and path ids are refused cleanly or read without writing",
    async (_, op) => {
      actAs(world.fixture.staff[callerFor(op)]);
      await fc.assert(
        fc.asyncProperty(readCases(op, world), (c) => runCase(op, c)),
        { numRuns: READ_RUNS },
      );
    },
    timeoutFor(READ_RUNS),
  );

  it("ran every write operation", () => {
    for (const op of WRITE_OPS) expect(histogram.has(op.operationId), op.operationId).toBe(true);
  });
});

describe("the hostile-input checks themselves", () => {
  const op = allOperations.find((o) => o.operationId === "writeNote") as Operation;
  const c = new HostileCase("self-test", { params: {}, body: "{}" });
  const id = "req-12345678";
  const answer = (status: number, json: unknown, requestId: string | null = id): ApiAnswer => ({
    status,
    json,
    text: JSON.stringify(json),
    headers: new Headers(requestId ? { "X-Request-Id": requestId } : {}),
  });
  const error = (code: string, message: string, extra: object = {}) => ({
    error: { code, message, requestId: id, ...extra },
  });

  it("accept a documented error answer", () => {
    const details = { details: [{ field: "body", message: "Required" }] };
    expect(() =>
      checkErrorAnswer(op, c, answer(400, error("bad_request", "Not valid.", details))),
    ).not.toThrow();
  });

  it.each([
    ["a stack trace", answer(400, error("bad_request", "x\n    at run (/app/lib/x.ts:1:2)"))],
    ["a stack frame", answer(400, error("bad_request", "failed (file:///app/x.js:10:5)"))],
    ["SQL text", answer(400, error("bad_request", "Failed query: select id from users"))],
    ["a constraint", answer(409, error("conflict", 'violates unique constraint "rooms_key"'))],
    ["an unknown code", answer(400, error("oops", "x"))],
    ["a code of another status", answer(404, error("bad_request", "x"))],
    ["an empty message", answer(400, error("bad_request", " "))],
    ["no error object", answer(400, { message: "x" })],
    ["an undocumented field", answer(400, error("bad_request", "x", { stack: "s" }))],
    ["a request id other than the header's", answer(400, error("bad_request", "x"), "req-other1")],
  ])("refuse an error answer with %s", (_, bad) => {
    expect(() => checkErrorAnswer(op, c, bad)).toThrow();
  });
});
