/**
 * The permission matrix of DESIGN.md, checked over HTTP against the production server: every
 * page of the route tree and every operation of the OpenAPI document, called signed out and as
 * each role. The expected answers come from the design's table below, not from the code under
 * test; a page or operation with no row here fails, so nothing new ships undecided.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { request as http, expect, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { storageStatePath, type DemoRole } from "./accounts";

type Caller = DemoRole | "signed out";
const ROLES: DemoRole[] = ["psychiatrist", "nurse", "admin"];

/** DESIGN.md "Permission matrix", one entry per row: who may. */
const DESIGN = {
  "see patient list, demographics, schedule": ["psychiatrist", "nurse", "admin"],
  "create or edit a patient's demographics": ["psychiatrist", "admin"],
  "see scores, vitals, doses, adverse events, notes": ["psychiatrist", "nurse"],
  "record an assessment": ["psychiatrist", "nurse"],
  "record vitals, dose given, adverse events; check in; discharge": ["psychiatrist", "nurse"],
  "amend a vitals row (with reason)": ["psychiatrist", "nurse"],
  "create a treatment course; sign dose orders": ["psychiatrist"],
  "write integration / progress notes": ["psychiatrist"],
  "book, reschedule, cancel sessions; manage rooms": ["admin"],
  "manage users and roles; read the audit log": ["admin"],
  // Not rows of the matrix: the user's own account, and what needs no sign-in.
  "own account": ["psychiatrist", "nurse", "admin"],
  public: ["psychiatrist", "nurse", "admin"],
} as const satisfies Record<string, readonly DemoRole[]>;
type Row = keyof typeof DESIGN;

const PAGES: Record<string, Row> = {
  "/": "own account",
  "/login": "public",
  "/account": "own account",
  "/patients": "see patient list, demographics, schedule",
  "/patients/[id]": "see patient list, demographics, schedule",
  "/patients/new": "create or edit a patient's demographics",
  "/patients/[id]/edit": "create or edit a patient's demographics",
  "/today": "see patient list, demographics, schedule",
  "/schedule": "see patient list, demographics, schedule",
  "/sessions/[id]": "see patient list, demographics, schedule",
  "/sessions/[id]/rems": "see scores, vitals, doses, adverse events, notes",
  "/monitor": "see scores, vitals, doses, adverse events, notes",
  "/outcomes": "see scores, vitals, doses, adverse events, notes",
  "/admin/rooms": "book, reschedule, cancel sessions; manage rooms",
  "/admin/users": "manage users and roles; read the audit log",
  "/admin/audit": "manage users and roles; read the audit log",
};

const OPERATIONS: Record<string, Row> = {
  getHealth: "public",
  getMe: "own account",
  changeOwnPassword: "own account",
  recordActivity: "own account",
  listPatients: "see patient list, demographics, schedule",
  getPatient: "see patient list, demographics, schedule",
  listSessions: "see patient list, demographics, schedule",
  getSession: "see patient list, demographics, schedule",
  listRooms: "see patient list, demographics, schedule",
  getClinicHours: "see patient list, demographics, schedule",
  registerPatient: "create or edit a patient's demographics",
  updatePatientDemographics: "create or edit a patient's demographics",
  getProgress: "see scores, vitals, doses, adverse events, notes",
  listNotes: "see scores, vitals, doses, adverse events, notes",
  listVitals: "see scores, vitals, doses, adverse events, notes",
  listAssessments: "see scores, vitals, doses, adverse events, notes",
  listCourses: "see scores, vitals, doses, adverse events, notes",
  recordAssessment: "record an assessment",
  recordDissociation: "record an assessment",
  checkInSession: "record vitals, dose given, adverse events; check in; discharge",
  startSession: "record vitals, dose given, adverse events; check in; discharge",
  recordDose: "record vitals, dose given, adverse events; check in; discharge",
  endInfusion: "record vitals, dose given, adverse events; check in; discharge",
  recordVitals: "record vitals, dose given, adverse events; check in; discharge",
  recordAdverseEvent: "record vitals, dose given, adverse events; check in; discharge",
  resolveAdverseEvent: "record vitals, dose given, adverse events; check in; discharge",
  acknowledgeAlert: "record vitals, dose given, adverse events; check in; discharge",
  dischargeSession: "record vitals, dose given, adverse events; check in; discharge",
  amendVitals: "amend a vitals row (with reason)",
  // The psychiatrist's decision on a high pre-dose blood pressure is part of the dose order.
  reviewPreDose: "create a treatment course; sign dose orders",
  createCourse: "create a treatment course; sign dose orders",
  signDoseOrder: "create a treatment course; sign dose orders",
  writeNote: "write integration / progress notes",
  bookSession: "book, reschedule, cancel sessions; manage rooms",
  rescheduleSession: "book, reschedule, cancel sessions; manage rooms",
  cancelSession: "book, reschedule, cancel sessions; manage rooms",
  previewSeries: "book, reschedule, cancel sessions; manage rooms",
  bookSeries: "book, reschedule, cancel sessions; manage rooms",
  createRoom: "book, reschedule, cancel sessions; manage rooms",
  updateRoom: "book, reschedule, cancel sessions; manage rooms",
  updateClinicHours: "book, reschedule, cancel sessions; manage rooms",
  listStaff: "manage users and roles; read the audit log",
  createStaff: "manage users and roles; read the audit log",
  updateStaff: "manage users and roles; read the audit log",
  resetStaffPassword: "manage users and roles; read the audit log",
  listAuditEvents: "manage users and roles; read the audit log",
  exportAuditCsv: "manage users and roles; read the audit log",
};

/** Rows where DESIGN.md gives more than its table: who else may, and why. */
const ALSO_ALLOWED: Record<string, DemoRole[]> = {
  // DESIGN.md "Who uses it": the admin marks no-shows; bedside staff record them too.
  markNoShow: ["psychiatrist", "nurse", "admin"],
};

/** Writes an empty body completes without changing any record: the activity heartbeat. */
const HARMLESS_WRITES = new Set(["recordActivity"]);

const allowedFor = (row: Row | undefined, name: string): readonly DemoRole[] | undefined =>
  ALSO_ALLOWED[name] ?? (row ? DESIGN[row] : undefined);

/** Page routes from the app directory: route groups dropped, dynamic segments kept. */
function pageRoutes(dir = path.join(process.cwd(), "app"), prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "page.tsx" ? [prefix || "/"] : [];
    if (!entry.isDirectory() || entry.name === "api") return [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    return pageRoutes(path.join(dir, entry.name), `${prefix}${segment}`);
  });
}

type OpenApiOperation = { operationId: string; method: string; path: string };

async function openApiOperations(request: APIRequestContext): Promise<OpenApiOperation[]> {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.ok()).toBe(true);
  const doc = (await response.json()) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  return Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      operationId: op.operationId,
      method: method.toUpperCase(),
      path: p,
    })),
  );
}

async function contextFor(caller: Caller): Promise<APIRequestContext> {
  return http.newContext({
    baseURL: BASE_URL,
    ...(caller === "signed out" ? {} : { storageState: storageStatePath(caller) }),
  });
}

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

test.describe("access matrix", () => {
  test("every page answers each role as DESIGN.md says", async () => {
    const routes = pageRoutes().sort();
    expect(
      routes.filter((r) => !(r in PAGES)),
      "pages without a matrix row",
    ).toEqual([]);

    const psychiatrist = await contextFor("psychiatrist");
    const sessions = (await (await psychiatrist.get("/api/v1/sessions?days=14")).json()) as {
      data: { id: string; protocol: string | null; patientId: string }[];
    };
    const esketamine = sessions.data.find((s) => s.protocol === "intranasal_esketamine");
    const session = sessions.data[0];
    if (!esketamine || !session) throw new Error("the demo clinic has no sessions to open");
    const ids: Record<string, string> = {
      "/patients/[id]": session.patientId,
      "/patients/[id]/edit": session.patientId,
      "/sessions/[id]": session.id,
      "/sessions/[id]/rems": esketamine.id,
    };

    const mismatches: string[] = [];
    for (const caller of ["signed out", ...ROLES] as Caller[]) {
      const request = await contextFor(caller);
      for (const route of routes) {
        const url = route.replace("[id]", ids[route] ?? UNKNOWN_ID);
        const response = await request.get(url, { maxRedirects: 0 });
        const status = response.status();
        const allowed = allowedFor(PAGES[route], route) ?? [];
        let expected: string;
        let ok: boolean;
        if (route === "/login") {
          expected = caller === "signed out" ? "200" : "redirect home";
          ok = caller === "signed out" ? status === 200 : status === 307;
        } else if (caller === "signed out") {
          expected = "redirect to /login";
          ok = status === 307 && (response.headers().location ?? "").startsWith("/login");
        } else if (route === "/") {
          expected = "redirect home";
          ok = status === 307;
        } else if (allowed.includes(caller)) {
          expected = "200";
          ok = status === 200;
        } else {
          expected = "403 Not permitted";
          ok = status === 403 && (await response.text()).includes("Not permitted");
        }
        if (!ok) mismatches.push(`${caller} ${route}: expected ${expected}, got ${status}`);
      }
      await request.dispose();
    }
    await psychiatrist.dispose();
    expect(mismatches).toEqual([]);
  });

  test("every API operation answers each role as DESIGN.md says, changing nothing", async () => {
    const anonymous = await contextFor("signed out");
    const operations = await openApiOperations(anonymous);
    expect(operations.length).toBeGreaterThan(40);
    expect(
      operations.filter((op) => !allowedFor(OPERATIONS[op.operationId], op.operationId)),
      "operations without a matrix row",
    ).toEqual([]);

    const mismatches: string[] = [];
    for (const caller of ["signed out", ...ROLES] as Caller[]) {
      const request = caller === "signed out" ? anonymous : await contextFor(caller);
      for (const op of operations) {
        // Unknown ids and empty bodies: a permitted caller is refused by validation or gets a
        // 404, so the sweep writes nothing; a refused one must be refused before that.
        const url = op.path.replace(/\{[^}]+\}/g, UNKNOWN_ID);
        const response = await request.fetch(url, {
          method: op.method,
          ...(op.method === "GET" ? {} : { data: {} }),
          maxRedirects: 0,
        });
        const status = response.status();
        const allowed = allowedFor(OPERATIONS[op.operationId], op.operationId) ?? [];
        const row = OPERATIONS[op.operationId];
        let expected: string;
        let ok: boolean;
        if (row === "public") {
          expected = "200";
          ok = status === 200;
        } else if (caller === "signed out") {
          expected = "401";
          ok = status === 401;
        } else if (allowed.includes(caller)) {
          expected = "not 401/403, not 5xx, no write";
          ok =
            status !== 401 &&
            status !== 403 &&
            status < 500 &&
            (status >= 400 || op.method === "GET" || HARMLESS_WRITES.has(op.operationId));
        } else {
          expected = "403";
          ok = status === 403;
        }
        if (!ok) {
          mismatches.push(
            `${caller} ${op.method} ${op.path} (${op.operationId}): expected ${expected}, got ${status}`,
          );
        }
        if (status >= 400) {
          const body = (await response.json()) as { error?: { code?: string; message?: string } };
          if (!body.error?.code || !body.error.message) {
            mismatches.push(`${caller} ${op.operationId}: ${status} without the error shape`);
          }
        }
      }
      if (caller !== "signed out") await request.dispose();
    }
    await anonymous.dispose();
    expect(mismatches).toEqual([]);
  });
});
