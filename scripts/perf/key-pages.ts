/**
 * The pages the performance budgets hold for, each opened by the role that works there
 * (DESIGN.md "Who uses it"): sign-in; the psychiatrist's caseload and a patient whose course has
 * the most doses given (the course chart is drawn); the nurse's Today board and a dosing session
 * in progress (vitals on the chart); the administrator's calendar. Real records are picked through
 * the JSON API, so the same choice works on any seeded database.
 */
import type { Page } from "@playwright/test";

export type KeyPageRole = "psychiatrist" | "nurse" | "admin";

export type KeyPage = {
  name: string;
  path: string;
  /** Who opens it; null for the sign-in page. */
  role: KeyPageRole | null;
  /** True when the page draws a chart: the chart's code is part of its first visit. */
  drawsChart: boolean;
};

/** GETs a JSON API path as `role` and returns the parsed body. */
export type ApiGet = (role: KeyPageRole, path: string) => Promise<unknown>;

type CaseloadAnswer = {
  items: { id: string; course: { dosesGiven: number | null } | null }[];
};

type SessionListAnswer = {
  data: { id: string; status: string; kind: string }[];
};

/** Most doses given first; the first patient of the caseload on a tie. */
function fullestCourse(answer: CaseloadAnswer): string {
  let best: { id: string; doses: number } | undefined;
  for (const row of answer.items) {
    const doses = row.course?.dosesGiven ?? 0;
    if (!best || doses > best.doses) best = { id: row.id, doses };
  }
  if (!best) throw new Error("The psychiatrist's caseload is empty: is the database seeded?");
  return best.id;
}

// A dosing session in progress has vitals on its chart; the board may have moved on (journeys
// discharge patients), so fall back to the liveliest session of the day.
const SESSION_PREFERENCE = [
  (s: { status: string; kind: string }) => s.status === "in_progress" && s.kind === "dosing",
  (s: { status: string }) => s.status === "in_progress",
  (s: { status: string }) => s.status === "checked_in",
  (s: { status: string }) => s.status === "completed",
  () => true,
];

function liveliestSession(answer: SessionListAnswer): { id: string; hasVitals: boolean } {
  for (const prefer of SESSION_PREFERENCE) {
    const found = answer.data.find(prefer);
    if (found) {
      return {
        id: found.id,
        hasVitals: found.status === "in_progress" || found.status === "completed",
      };
    }
  }
  throw new Error("No session today: is the database seeded as of today?");
}

export async function keyPages(get: ApiGet): Promise<KeyPage[]> {
  const [caseload, today] = await Promise.all([
    get("psychiatrist", "/api/v1/patients?pageSize=100") as Promise<CaseloadAnswer>,
    get("nurse", "/api/v1/sessions") as Promise<SessionListAnswer>,
  ]);
  const session = liveliestSession(today);
  return [
    { name: "Sign-in", path: "/login", role: null, drawsChart: false },
    { name: "Caseload", path: "/patients", role: "psychiatrist", drawsChart: false },
    {
      name: "Patient",
      path: `/patients/${fullestCourse(caseload)}`,
      role: "psychiatrist",
      drawsChart: true,
    },
    { name: "Today", path: "/today", role: "nurse", drawsChart: false },
    {
      name: "Session",
      path: `/sessions/${session.id}`,
      role: "nurse",
      drawsChart: session.hasVitals,
    },
    { name: "Schedule", path: "/schedule", role: "admin", drawsChart: false },
  ];
}

/**
 * The charts' pictures, by the summary they are named with: the course chart's always counts the
 * dosing sessions, the vitals chart's starts with its name.
 */
const CHART_NAME = /dosing session|^Vitals chart/;

/** Resolves once the page shows its heading and, where it draws one, its chart. */
export async function keyPageReady(page: Page, key: KeyPage): Promise<void> {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  if (key.drawsChart) await page.getByRole("img", { name: CHART_NAME }).first().waitFor();
}
