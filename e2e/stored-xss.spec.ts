import { mkdir } from "node:fs/promises";
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type Page,
} from "@playwright/test";
import { ACCOUNTS, signIn, storageStatePath, type DemoRole } from "./accounts";

/*
 * Stored XSS: hostile text saved into every free-text field staff can write comes back as
 * inert, literal text on every page that shows it, for every role that may see it, and a long
 * unbroken string wraps or is cut short instead of pushing the page sideways.
 *
 * Everything is written on patients, rooms and staff accounts of this journey's own, so the
 * other journeys on the shared demo database are not affected.
 */
// Each step opens many pages at two widths, on a machine other work shares.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const SCRIPT = "<script>window.__xss=1</script>";
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload="window.__xss=1">';
const JS_URL = "javascript:window.__xss=1";
const TEMPLATE = "{{7*7}} ${7*7} #{7*7}";
/** Right-to-left override, zero-width space and joiner, isolates. */
const BIDI = "Zo\u200Bë \u202Eevil.exe\u202C \u2066iso\u2069\u200D";
/** One word of `length` characters, labelled by field so each one is told apart. */
const unbroken = (label: string, length: number): string => `${label}_`.padEnd(length, "W");

/**
 * What this journey writes into each free-text field. The check-in note, the booking override
 * and the cancel and no-show reasons are stored but no page shows them (the audit log keeps
 * the override reason in its detail, which no page or export shows either).
 */
const TEXT = {
  p1EmergencyName: `${SCRIPT} (sister)`,
  p1EmergencyLine: `${JS_URL} (brother)`,
  p1Label: `Depression ${TEMPLATE} <b>not bold</b>`,
  p2EmergencyName: unbroken("CONTACT", 120),
  p2Label: unbroken("DIAGNOSIS", 200),
  noteTags: `${SCRIPT} ${IMG} ${SVG}`,
  noteLong: unbroken("NOTE", 300),
  noteMixed: `${JS_URL} ${TEMPLATE} ${BIDI}`,
  noteP2: unbroken("NOTEP2", 300),
  order1Reason: `${SCRIPT} order ${unbroken("ORDER", 300)}`,
  order2Reason: `${TEMPLATE} ${IMG} order`,
  checkIn1: `${SCRIPT} changes`,
  checkIn2: `${TEMPLATE} changes`,
  overrideReason: `${SVG} override ${unbroken("OVERRIDE", 300)}`,
  lot1: `${IMG}L1`,
  lot2: unbroken("LOT", 40),
  deviation1: `${JS_URL} ${TEMPLATE} deviation`,
  deviation2: `${IMG} deviation ${unbroken("DEVIATION", 300)}`,
  amendReason: `${IMG} amend ${unbroken("AMEND", 300)}`,
  aeDescription: `${IMG} description ${BIDI}`,
  aeAction: unbroken("ACTION", 300),
  aeResolved: `${SVG} resolved`,
  dischargeReason: `${SCRIPT} discharge ${unbroken("DISCHARGE", 300)}`,
  bookingOverride: `${SVG} booking`,
  cancelReason: `${IMG} cancel`,
  noShowReason: `${SCRIPT} no-show`,
};

const WIDTHS = [1280, 768] as const;
const SHOTS = "/tmp/xss-shots";

type Created = { id: string };
type Json = Record<string, unknown>;

/** What the first step stores; later steps open the pages that show it. */
type Seeded = {
  p1: { id: string; mrn: string; first: string; last: string };
  p2: { id: string; mrn: string; first: string; last: string };
  s1: string;
  s2: string;
  s3: string;
  s4: string;
  s5: string;
  room1: string;
  room2: string;
  nurseName: string;
  formulaName: string;
  formulaId: string;
  longPsychiatrist: string;
};
let seeded: Seeded | undefined;

function state(): Seeded {
  expect(seeded, "the payloads were stored by the first step").toBeDefined();
  return seeded as Seeded;
}

async function expectStatus(response: APIResponse, status: number, what: string): Promise<void> {
  expect(response.status(), `${what}: ${await response.text()}`).toBe(status);
}

async function send<T = Created>(
  request: APIRequestContext,
  method: "post" | "patch",
  url: string,
  data: Json,
  status = method === "post" ? 201 : 200,
): Promise<T> {
  const response = await request[method](url, { data });
  await expectStatus(response, status, `${method.toUpperCase()} ${url}`);
  return (await response.json()) as T;
}

async function refused(
  request: APIRequestContext,
  method: "post" | "patch",
  url: string,
  data: Json,
): Promise<void> {
  const response = await request[method](url, { data });
  expect([400, 422], `${url} refuses ${JSON.stringify(data)}`).toContain(response.status());
}

type Visitor = { page: Page; request: APIRequestContext; close: () => Promise<void> };

/**
 * A signed-in browser for one role. Any JavaScript dialog fails the journey: a payload that ran
 * would open one as easily as it sets window.__xss.
 */
async function visitor(browser: Browser, role: DemoRole): Promise<Visitor> {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return {
    page,
    request: context.request,
    close: async () => {
      expect(dialogs, "no payload opened a dialog").toEqual([]);
      await context.close();
    },
  };
}

/** Nothing a payload could have created exists, and none of them ran. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    ran: (window as { __xss?: unknown }).__xss ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll("svg[onload]").length,
    handlers: document.querySelectorAll("[onerror], [onload]").length,
    scripts: [...document.scripts].filter((s) => s.textContent?.trim() === "window.__xss=1").length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    bold: [...document.querySelectorAll("b")].filter((b) => b.textContent === "not bold").length,
  }));
  expect(found, `payloads on ${page.url()} stay text`).toEqual({
    ran: null,
    images: 0,
    svgs: 0,
    handlers: 0,
    scripts: 0,
    javascriptLinks: 0,
    bold: 0,
  });
}

/**
 * Runs in the page: nothing when the page is no wider than the window; otherwise the innermost
 * elements wider than the window (their box or their content), to name the culprit.
 */
function sidewaysOverflow(): string[] {
  const limit = window.innerWidth + 1;
  if (document.documentElement.scrollWidth <= limit) return [];
  // A form field scrolls its own long value; only its box counts.
  const field = (el: Element): boolean => el.matches("input, textarea, select");
  const wide = [...document.body.querySelectorAll("*")].filter(
    (el) => Math.max(el.getBoundingClientRect().width, field(el) ? 0 : el.scrollWidth) > limit,
  );
  return wide
    .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
    .slice(0, 8)
    .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`)
    .concat(`scrollWidth ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
}

/** The page does not scroll sideways at a tablet's and a desktop's width. */
async function expectFits(page: Page): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expect
      .poll(() => page.evaluate(sidewaysOverflow), {
        message: `${page.url()} fits ${width} px without scrolling sideways`,
      })
      .toEqual([]);
    await expectInert(page);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
}

/** Each text is on the page, literally, where a person can see it. */
async function expectLiteral(page: Page, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    await expect(
      page.getByText(text, { exact: false }).filter({ visible: true }).first(),
      `"${text.slice(0, 60)}" is shown as text on ${page.url()}`,
    ).toBeVisible();
  }
}

/** Opens a page, checks the texts are shown literally, that nothing ran and that it fits. */
async function check(page: Page, url: string, texts: readonly string[]): Promise<void> {
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  await page.goto(url);
  await expectLiteral(page, texts);
  await expectInert(page);
  await expectFits(page);
}

/** The open dialog stays inside the window and its content inside the dialog. */
async function expectDialogFits(page: Page): Promise<void> {
  const dialog = page.getByRole("dialog");
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expect
      .poll(
        () =>
          dialog.evaluate((el) => {
            const box = el.getBoundingClientRect();
            const problems: string[] = [];
            if (box.left < -1 || box.right > window.innerWidth + 1)
              problems.push(`spans ${box.left}–${box.right} px of ${window.innerWidth}`);
            if (el.scrollWidth > el.clientWidth + 1)
              problems.push(`content ${el.scrollWidth} px wide in ${el.clientWidth}`);
            return problems;
          }),
        { message: `the dialog on ${page.url()} fits ${width} px` },
      )
      .toEqual([]);
    await expectInert(page);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
}

async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
}

function clinicDate(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);
}

/** Parses RFC 4180 lines (quoted cells may hold commas and doubled quotes). */
function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < line.length; i += 1) {
        const char = line[i];
        if (quoted) {
          if (char === '"' && line[i + 1] === '"') {
            cell += '"';
            i += 1;
          } else if (char === '"') quoted = false;
          else cell += char;
        } else if (char === '"') quoted = true;
        else if (char === ",") {
          cells.push(cell);
          cell = "";
        } else cell += char;
      }
      cells.push(cell);
      return cells;
    });
}

test("hostile text is stored through the API in every free-text field (or refused)", async ({
  browser,
}) => {
  const admin = await visitor(browser, "admin");
  const psychiatrist = await visitor(browser, "psychiatrist");
  const nurse = await visitor(browser, "nurse");
  const run = String(Date.now()).slice(-6);
  const hours = (await (await admin.request.get("/api/v1/clinic/hours")).json()) as {
    timeZone: string;
  };
  const today = clinicDate(hours.timeZone);

  // Staff: a nurse named with a tag, one whose name is a spreadsheet formula, and a
  // psychiatrist whose name is one long word. Refused: too long, and a hostile email.
  const nurseName = `${IMG} Nurse`;
  const formulaName = '=HYPERLINK("http://evil.test","x")';
  const longPsychiatrist = unbroken("PSYCHIATRIST", 120);
  const staffNurse = await send<{ id: string }>(admin.request, "post", "/api/v1/users", {
    name: nurseName,
    email: `xss-nurse-${run}@kapstone.test`,
    role: "nurse",
  });
  const formula = await send<{ id: string; temporaryPassword: string }>(
    admin.request,
    "post",
    "/api/v1/users",
    { name: formulaName, email: `xss-formula-${run}@kapstone.test`, role: "nurse" },
  );
  const staffPsychiatrist = await send<{ id: string }>(admin.request, "post", "/api/v1/users", {
    name: longPsychiatrist,
    email: `xss-psychiatrist-${run}@kapstone.test`,
    role: "psychiatrist",
  });
  await refused(admin.request, "post", "/api/v1/users", {
    name: unbroken("TOOLONG", 121),
    email: `xss-long-${run}@kapstone.test`,
    role: "nurse",
  });
  await refused(admin.request, "post", "/api/v1/users", {
    name: "Valid Name",
    email: `${SVG}@kapstone.test`,
    role: "nurse",
  });
  const staff = (await (await admin.request.get("/api/v1/users")).json()) as {
    items: { id: string; email: string }[];
  };
  const demoPsychiatrist = staff.items.find((s) => s.email === ACCOUNTS.psychiatrist.email);
  expect(demoPsychiatrist).toBeDefined();
  if (!demoPsychiatrist) return;

  // Rooms: a tag, and one long word. The tag arrives by a rename; 61 characters are refused.
  const room1 = await send(admin.request, "post", "/api/v1/rooms", {
    name: `XSS room ${run}`,
    kind: "chair",
  });
  const room1Name = `${SVG} Chair`;
  await send(admin.request, "patch", `/api/v1/rooms/${room1.id}`, { name: room1Name });
  const room2Name = unbroken("ROOM", 60);
  const room2 = await send(admin.request, "post", "/api/v1/rooms", { name: room2Name });
  await refused(admin.request, "post", "/api/v1/rooms", { name: unbroken("ROOM", 61) });

  // Patients, registered at the front desk. Refused: hostile MRN, phone, email, long name.
  const p1Mrn = `XSS-${run}1`;
  const p2Mrn = `XSS-${run}2`;
  const p1 = { first: IMG, last: `Vance${SVG}` };
  const p2 = { first: BIDI, last: unbroken("LASTNAME", 100) };
  const identity = { dateOfBirth: "1979-03-14", sex: "female", confirmDuplicate: true };
  for (const bad of [
    { mrn: IMG },
    { phone: SCRIPT },
    { email: `${SVG}@example.com` },
    { firstName: unbroken("FIRST", 101) },
    { diagnosisCode: SCRIPT },
  ]) {
    await refused(admin.request, "post", "/api/v1/patients", {
      firstName: "Refused",
      lastName: "Entry",
      ...identity,
      ...bad,
    });
  }
  const patient1 = await send(admin.request, "post", "/api/v1/patients", {
    firstName: p1.first,
    lastName: "Vance",
    ...identity,
    mrn: p1Mrn,
    emergencyContact: { name: TEXT.p1EmergencyName, phone: "207-555-0143" },
    diagnosisCode: "F33.2",
    diagnosisLabel: "Placeholder label",
    psychiatristId: demoPsychiatrist.id,
    weightKg: 70,
  });
  // Corrected demographics: the payloads arrive by the edit as well.
  await send(admin.request, "patch", `/api/v1/patients/${patient1.id}`, {
    lastName: p1.last,
    diagnosisLabel: TEXT.p1Label,
    emergencyContact: `${TEXT.p1EmergencyLine}, 207-555-0190`,
  });
  await refused(admin.request, "patch", `/api/v1/patients/${patient1.id}`, {
    phone: IMG,
  });
  const patient2 = await send(admin.request, "post", "/api/v1/patients", {
    firstName: p2.first,
    lastName: p2.last,
    ...identity,
    mrn: p2Mrn,
    emergencyContact: { name: TEXT.p2EmergencyName, phone: null },
    diagnosisCode: "F33.1",
    diagnosisLabel: TEXT.p2Label,
    psychiatristId: staffPsychiatrist.id,
    weightKg: 62,
  });

  // Notes, by the psychiatrist. An empty note is refused.
  for (const [patientId, kind, body] of [
    [patient1.id, "integration", TEXT.noteTags],
    [patient1.id, "progress", TEXT.noteLong],
    [patient1.id, "preparation", TEXT.noteMixed],
    [patient2.id, "progress", TEXT.noteP2],
  ] as const) {
    await send(psychiatrist.request, "post", `/api/v1/patients/${patientId}/notes`, {
      kind,
      body,
    });
  }
  await refused(psychiatrist.request, "post", `/api/v1/patients/${patient1.id}/notes`, {
    kind: "progress",
    body: "   ",
  });

  // Treatment plans: each dose order is outside the usual range, so it carries a reason.
  const course1 = await send(
    psychiatrist.request,
    "post",
    `/api/v1/patients/${patient1.id}/courses`,
    {
      protocol: "iv_ketamine",
      paradigm: "psychotherapeutic",
      plannedSessions: 6,
      startDate: today,
    },
  );
  await send(psychiatrist.request, "post", `/api/v1/courses/${course1.id}/dose-orders`, {
    doseMgPerKg: 0.8,
    infusionMinutes: 40,
    validFrom: today,
    confirmOutOfRange: true,
    reason: TEXT.order1Reason,
  });
  const course2 = await send(
    psychiatrist.request,
    "post",
    `/api/v1/patients/${patient2.id}/courses`,
    {
      protocol: "intranasal_esketamine",
      paradigm: "biochemical",
      plannedSessions: 8,
      startDate: today,
    },
  );
  await send(psychiatrist.request, "post", `/api/v1/courses/${course2.id}/dose-orders`, {
    doseMg: 28,
    validFrom: today,
    confirmOutOfRange: true,
    reason: TEXT.order2Reason,
  });

  // Today's sessions, in this journey's own rooms with its own nurse. Every booking carries an
  // override reason, used when a conflict (outside hours, same patient or room) needs one.
  const start = new Date(Math.floor(Date.now() / 300_000) * 300_000);
  const at = (minutes: number): string =>
    new Date(start.getTime() + minutes * 60_000).toISOString();
  const override = { reason: TEXT.bookingOverride };
  const s1 = await send(admin.request, "post", "/api/v1/sessions", {
    patientId: patient1.id,
    kind: "dosing",
    courseId: course1.id,
    roomId: room1.id,
    start: at(0),
    end: at(120),
    psychiatristId: demoPsychiatrist.id,
    nurseId: staffNurse.id,
    override,
  });
  const s2 = await send(admin.request, "post", "/api/v1/sessions", {
    patientId: patient2.id,
    kind: "dosing",
    courseId: course2.id,
    roomId: room2.id,
    start: at(0),
    end: at(120),
    psychiatristId: demoPsychiatrist.id,
    nurseId: staffNurse.id,
    override,
  });
  const s3 = await send(admin.request, "post", "/api/v1/sessions", {
    patientId: patient1.id,
    kind: "integration",
    roomId: room1.id,
    start: at(30),
    end: at(60),
    override,
  });
  const s4 = await send(admin.request, "post", "/api/v1/sessions", {
    patientId: patient2.id,
    kind: "preparation",
    roomId: room2.id,
    start: at(60),
    end: at(90),
    override,
  });
  await send(
    admin.request,
    "post",
    `/api/v1/sessions/${s3.id}/cancel`,
    {
      reason: TEXT.cancelReason,
    },
    200,
  );
  await send(
    nurse.request,
    "post",
    `/api/v1/sessions/${s4.id}/no-show`,
    {
      reason: TEXT.noShowReason,
    },
    200,
  );

  // Session 1 (IV): held blood pressure, overridden; a different dose; a corrected reading;
  // two adverse events, one resolved.
  const bedside = (id: string, path: string): string => `/api/v1/sessions/${id}${path}`;
  await send(
    nurse.request,
    "post",
    bedside(s1.id, "/check-in"),
    {
      identityConfirmed: true,
      fastingConfirmed: true,
      rideHomeConfirmed: true,
      changesSinceLastVisit: TEXT.checkIn1,
    },
    200,
  );
  await send(nurse.request, "post", bedside(s1.id, "/vitals"), {
    systolic: 165,
    diastolic: 102,
    heartRate: 80,
    spo2: 98,
    sedationMoaas: 5,
  });
  await send(
    psychiatrist.request,
    "post",
    bedside(s1.id, "/pre-dose-review"),
    {
      decision: "override",
      reason: TEXT.overrideReason,
    },
    200,
  );
  await refused(nurse.request, "post", bedside(s1.id, "/doses"), {
    drug: "ketamine",
    route: "iv",
    doseMg: 50,
    lot: unbroken("LOT", 41),
    deviationReason: TEXT.deviation1,
  });
  await send(nurse.request, "post", bedside(s1.id, "/doses"), {
    drug: "ketamine",
    route: "iv",
    doseMg: 50,
    lot: TEXT.lot1,
    deviationReason: TEXT.deviation1,
  });
  const reading = await send(nurse.request, "post", bedside(s1.id, "/vitals"), {
    systolic: 150,
    diastolic: 92,
    heartRate: 84,
    spo2: 97,
    sedationMoaas: 4,
  });
  await send(psychiatrist.request, "post", bedside(s1.id, `/vitals/${reading.id}/amend`), {
    systolic: 140,
    diastolic: 90,
    heartRate: 84,
    spo2: 97,
    sedationMoaas: 4,
    reason: TEXT.amendReason,
  });
  await send(nurse.request, "post", bedside(s1.id, "/adverse-events"), {
    type: "other",
    description: TEXT.aeDescription,
    severity: "mild",
    actionTaken: TEXT.aeAction,
  });
  const nausea = await send(nurse.request, "post", bedside(s1.id, "/adverse-events"), {
    type: "nausea",
    severity: "moderate",
  });
  await send(
    nurse.request,
    "post",
    bedside(s1.id, `/adverse-events/${nausea.id}/resolve`),
    {
      actionTaken: TEXT.aeResolved,
    },
    200,
  );

  // Session 5 (IV, the same patient): checked in with a held blood pressure the psychiatrist
  // overrides; the review is shown until the dose is given.
  const s5 = await send(admin.request, "post", "/api/v1/sessions", {
    patientId: patient1.id,
    kind: "dosing",
    courseId: course1.id,
    roomId: room1.id,
    start: at(0),
    end: at(120),
    psychiatristId: demoPsychiatrist.id,
    nurseId: staffNurse.id,
    override,
  });
  await send(
    nurse.request,
    "post",
    bedside(s5.id, "/check-in"),
    {
      identityConfirmed: true,
      fastingConfirmed: true,
      rideHomeConfirmed: false,
      changesSinceLastVisit: TEXT.checkIn1,
    },
    200,
  );
  await send(nurse.request, "post", bedside(s5.id, "/vitals"), {
    systolic: 170,
    diastolic: 105,
    heartRate: 82,
  });
  await send(
    psychiatrist.request,
    "post",
    bedside(s5.id, "/pre-dose-review"),
    {
      decision: "override",
      reason: TEXT.overrideReason,
    },
    200,
  );

  // Session 2 (esketamine): two devices against an order of one, with a long lot number.
  await send(
    nurse.request,
    "post",
    bedside(s2.id, "/check-in"),
    {
      identityConfirmed: true,
      fastingConfirmed: true,
      rideHomeConfirmed: true,
      changesSinceLastVisit: TEXT.checkIn2,
    },
    200,
  );
  await send(nurse.request, "post", bedside(s2.id, "/vitals"), {
    systolic: 122,
    diastolic: 78,
    heartRate: 72,
    spo2: 99,
    sedationMoaas: 5,
  });
  await send(nurse.request, "post", bedside(s2.id, "/doses"), {
    drug: "esketamine",
    route: "intranasal",
    doseMg: 56,
    devices: 2,
    lot: TEXT.lot2,
    deviationReason: TEXT.deviation2,
  });
  await send(nurse.request, "post", bedside(s2.id, "/vitals"), {
    systolic: 128,
    diastolic: 80,
    heartRate: 76,
    spo2: 98,
    sedationMoaas: 4,
  });

  seeded = {
    p1: { id: patient1.id, mrn: p1Mrn, ...p1 },
    p2: { id: patient2.id, mrn: p2Mrn, ...p2 },
    s1: s1.id,
    s2: s2.id,
    s3: s3.id,
    s4: s4.id,
    s5: s5.id,
    room1: room1Name,
    room2: room2Name,
    nurseName,
    formulaName,
    formulaId: formula.id,
    longPsychiatrist,
  };

  // The staff member with the formula for a name signs in once, from a spreadsheet-hostile
  // address, so both reach the audit log.
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "X-Forwarded-For": "=1+1" },
  });
  const newcomer = await context.newPage();
  await signIn(newcomer, `xss-formula-${run}@kapstone.test`, formula.temporaryPassword);
  await expect(newcomer).toHaveURL(/\/account\?change=required$/);
  await context.close();
  // Reads of the patient record from addresses that look like formulas or markup.
  for (const address of ["+1+1", "-1+1", "@SUM(1+1)", IMG]) {
    const read = await admin.request.get(`/api/v1/patients/${patient1.id}`, {
      headers: { "X-Forwarded-For": address },
    });
    await expectStatus(read, 200, `read from ${address}`);
  }

  await Promise.all([admin.close(), psychiatrist.close(), nurse.close()]);
});

test("the patient list finds them by MRN and shows their names as text", async ({ browser }) => {
  const { p1, p2 } = state();
  for (const role of ["admin", "psychiatrist", "nurse"] as const) {
    const { page, close } = await visitor(browser, role);
    await page.goto("/patients?scope=all");
    for (const patient of [p1, p2]) {
      await page.getByLabel("Search by name or MRN").fill(patient.mrn);
      await page.getByLabel("Search by name or MRN").press("Enter");
      await expect(page).toHaveURL(new RegExp(`query=${patient.mrn}`));
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(1)).toContainText(`${patient.last}, ${patient.first}`);
      await expectInert(page);
      await expectFits(page);
    }
    // The search box reflects what was typed, as text.
    await page.goto(`/patients?scope=all&query=${encodeURIComponent(IMG)}`);
    await expect(page.getByLabel("Search by name or MRN")).toHaveValue(IMG);
    await expectInert(page);
    await close();
  }
});

test("the patient record shows every payload as text, for each role that may see it", async ({
  browser,
}) => {
  const { p1, p2, longPsychiatrist } = state();
  const demographics1 = [
    `${p1.first} ${p1.last}`,
    TEXT.p1Label,
    `${TEXT.p1EmergencyLine}, 207-555-0190`,
  ];
  const clinical1 = [TEXT.noteTags, TEXT.noteLong, TEXT.noteMixed, TEXT.order1Reason];

  const psychiatrist = await visitor(browser, "psychiatrist");
  await check(psychiatrist.page, `/patients/${p1.id}`, [...demographics1, ...clinical1]);
  await screenshots(psychiatrist.page, "patient");
  await check(psychiatrist.page, `/patients/${p2.id}`, [
    `${p2.first} ${p2.last}`,
    TEXT.p2Label,
    TEXT.p2EmergencyName,
    longPsychiatrist,
    TEXT.noteP2,
    TEXT.order2Reason,
  ]);
  await screenshots(psychiatrist.page, "patient-long");
  await psychiatrist.close();

  const nurse = await visitor(browser, "nurse");
  await check(nurse.page, `/patients/${p1.id}`, [...demographics1, ...clinical1]);
  await nurse.close();

  // The front desk sees demographics and contact only.
  const admin = await visitor(browser, "admin");
  await check(admin.page, `/patients/${p1.id}`, demographics1);
  await expect(admin.page.getByText(TEXT.noteLong)).toHaveCount(0);
  await check(admin.page, `/patients/${p2.id}`, [
    `${p2.first} ${p2.last}`,
    TEXT.p2Label,
    longPsychiatrist,
  ]);
  await admin.close();
});

test("the demographics form is prefilled with the payloads as values", async ({ browser }) => {
  const { p1, p2, longPsychiatrist } = state();
  const admin = await visitor(browser, "admin");
  const { page } = admin;
  await check(page, `/patients/${p1.id}/edit`, [`${p1.first} ${p1.last}`]);
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue(p1.first);
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue(p1.last);
  await expect(page.getByLabel("Emergency contact", { exact: true })).toHaveValue(
    TEXT.p1EmergencyLine,
  );
  await expect(page.getByLabel("Diagnosis description", { exact: true })).toHaveValue(TEXT.p1Label);
  // The long psychiatrist's name is one of the choices, and it does not widen the form.
  await expect(
    page
      .getByLabel("Psychiatrist", { exact: true })
      .getByRole("option", { name: longPsychiatrist }),
  ).toHaveCount(1);

  await check(page, `/patients/${p2.id}/edit`, [p2.mrn]);
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue(p2.first);
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue(p2.last);
  await expect(page.getByLabel("Diagnosis description", { exact: true })).toHaveValue(TEXT.p2Label);
  await admin.close();
});

test("the session pages show the bedside entries as text", async ({ browser }) => {
  const { p1, p2, s1, s2, s5, room1, room2, nurseName } = state();
  const session1 = [
    `${p1.first} ${p1.last}`,
    TEXT.p1Label,
    room1,
    `RN ${nurseName}`,
    TEXT.lot1,
    TEXT.deviation1,
    TEXT.amendReason,
    TEXT.aeDescription,
    TEXT.aeAction,
    TEXT.aeResolved,
  ];
  const session2 = [`${p2.first} ${p2.last}`, TEXT.p2Label, room2, TEXT.lot2, TEXT.deviation2];
  for (const role of ["nurse", "psychiatrist"] as const) {
    const { page, close } = await visitor(browser, role);
    await check(page, `/sessions/${s1}`, session1);
    if (role === "nurse") await screenshots(page, "session");
    await check(page, `/sessions/${s2}`, session2);
    if (role === "nurse") await screenshots(page, "session-long");
    await check(page, `/sessions/${s5}`, [`${p1.first} ${p1.last}`, TEXT.overrideReason]);
    await check(page, `/sessions/${s2}/rems`, [`${p2.first} ${p2.last}`, TEXT.lot2]);
    await close();
  }

  // The front desk sees the appointment only.
  const admin = await visitor(browser, "admin");
  await check(admin.page, `/sessions/${s1}`, [`${p1.first} ${p1.last}`, room1, nurseName]);
  await expect(admin.page.getByText(TEXT.lot1)).toHaveCount(0);
  await check(admin.page, `/sessions/${s2}`, [`${p2.first} ${p2.last}`, room2]);
  await admin.close();
});

test("today, the live monitor and the schedule show names and rooms as text", async ({
  browser,
}) => {
  const { p1, p2, room1, room2, nurseName, longPsychiatrist } = state();
  const names = [`${p1.first} ${p1.last}`, `${p2.first} ${p2.last}`];
  // Week and day, by room (a column per room) and by staff (a column per person), and the list.
  const views = [
    ["/schedule", [...names, room1, room2]],
    ["/schedule?by=staff", [...names, nurseName]],
    ["/schedule?view=day", [...names, room1, room2]],
    ["/schedule?view=day&by=staff", [...names, nurseName]],
    ["/schedule?view=list", [...names, room1, room2, `RN ${nurseName}`]],
  ] as const;

  for (const role of ["nurse", "psychiatrist"] as const) {
    const { page, close } = await visitor(browser, role);
    await check(page, "/today", [...names, room1, room2, `RN ${nurseName}`]);
    await check(page, "/monitor", [...names, room1, room2, `RN ${nurseName}`]);
    for (const [url, texts] of views) await check(page, url, texts);
    await close();
  }

  const admin = await visitor(browser, "admin");
  const { page } = admin;
  await check(page, "/today", [...names, room1, room2, `RN ${nurseName}`]);
  for (const [url, texts] of views) await check(page, url, texts);
  // The front desk's session dialog, and the booking dialog that offers the rooms and staff.
  await page
    .getByRole("button", { name: new RegExp(`^Manage ${escapeRegExp(names[0] ?? "")}`) })
    .first()
    .click();
  const details = page.getByRole("dialog");
  await expect(details).toContainText(names[0] ?? "");
  await expect(details).toContainText(room1);
  await expect(details).toContainText(nurseName);
  await expectDialogFits(page);
  await page.keyboard.press("Escape");
  await expect(details).toBeHidden();

  await page.getByRole("button", { name: "Book session" }).click();
  const booking = page.getByRole("dialog", { name: "Book session" });
  for (const [label, option] of [
    ["Room", room1],
    ["Room", room2],
    ["Psychiatrist", longPsychiatrist],
    ["Nurse", nurseName],
  ] as const) {
    await expect(
      booking.getByLabel(label, { exact: true }).getByRole("option", { name: option }),
    ).toHaveCount(1);
  }
  await expectDialogFits(page);
  await admin.close();
});

test("the admin pages show staff names, room names and request addresses as text", async ({
  browser,
}) => {
  const { p1, room1, room2, nurseName, formulaName, formulaId, longPsychiatrist } = state();
  const admin = await visitor(browser, "admin");
  const { page } = admin;
  await check(page, "/admin/users", [nurseName, formulaName, longPsychiatrist]);
  await check(page, "/admin/rooms", [room1, room2]);
  await check(page, `/admin/audit?patientId=${p1.id}`, [IMG, "@SUM(1+1)"]);
  await check(page, `/admin/audit?actorId=${formulaId}`, [formulaName]);
  await page.goto(`/admin/audit?action=${encodeURIComponent(SVG)}`);
  await expect(page.getByLabel("Action")).toHaveValue(SVG);
  await expectInert(page);
  await admin.close();
});

test("the audit CSV export neutralises cells that a spreadsheet would run as formulas", async ({
  browser,
}) => {
  const { p1, formulaId, formulaName } = state();
  const admin = await visitor(browser, "admin");
  const header = (rows: string[][]): string[] => rows[0] ?? [];

  const reads = csvRows(
    await (await admin.request.get(`/api/v1/audit.csv?patientId=${p1.id}`)).text(),
  );
  const address = header(reads).indexOf("Address");
  expect(address).toBeGreaterThan(0);
  const addresses = reads.slice(1).map((row) => row[address]);
  for (const formula of ["+1+1", "-1+1", "@SUM(1+1)"]) {
    expect(addresses).toContain(`'${formula}`);
    expect(addresses).not.toContain(formula);
  }
  expect(addresses).toContain(IMG);

  const signIns = csvRows(
    await (await admin.request.get(`/api/v1/audit.csv?actorId=${formulaId}`)).text(),
  );
  const name = header(signIns).indexOf("Actor name");
  const signInAddress = header(signIns).indexOf("Address");
  const signIn = signIns.slice(1).find((row) => row.includes("auth.sign-in"));
  expect(signIn?.[name]).toBe(`'${formulaName}`);
  expect(signIn?.[signInAddress]).toBe("'=1+1");
  await admin.close();
});

test("a discharge with a reason shows the reason as text", async ({ browser }) => {
  const { s1 } = state();
  const nurse = await visitor(browser, "nurse");
  await send(
    nurse.request,
    "post",
    `/api/v1/sessions/${s1}/discharge`,
    {
      overrideReason: TEXT.dischargeReason,
    },
    200,
  );
  await check(nurse.page, `/sessions/${s1}`, [TEXT.dischargeReason, TEXT.aeAction]);
  await nurse.close();
  const psychiatrist = await visitor(browser, "psychiatrist");
  await check(psychiatrist.page, `/sessions/${s1}`, [TEXT.dischargeReason]);
  await psychiatrist.close();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
