import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("psychiatrist") });

type PatientItem = { id: string; name: string; mrn: string; course: { protocol: string } | null };
type InstrumentRow = {
  instrument: string;
  response: boolean;
  baseline: { total: number } | null;
  latest: { total: number } | null;
};

/** A demo patient whose MADRS has not yet shown a response, with a course to order for. */
async function patientWithoutMadrsResponse(
  request: APIRequestContext,
): Promise<{ patient: PatientItem; madrs: InstrumentRow }> {
  const list = await request.get("/api/v1/patients?scope=all&pageSize=100");
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: PatientItem[] };
  for (const patient of items.filter((p) => p.course?.protocol === "iv_ketamine")) {
    const progress = await request.get(`/api/v1/patients/${patient.id}/progress`);
    const { instruments } = (await progress.json()) as { instruments: InstrumentRow[] };
    const madrs = instruments.find((i) => i.instrument === "MADRS");
    if (madrs && !madrs.response && (madrs.baseline?.total ?? 0) >= 12) return { patient, madrs };
  }
  throw new Error("the demo clinic has no IV patient with a MADRS not yet responding");
}

test("a psychiatrist finds a patient, reads the course, records a MADRS, sees the response and signs an order", async ({
  page,
}) => {
  const { patient } = await patientWithoutMadrsResponse(page.request);
  const [family, given] = patient.name.split(", ");

  await page.goto("/patients?scope=all");
  await page.getByLabel("Search by name or MRN").fill(`${given} ${family}`);
  await page.getByLabel("Search by name or MRN").press("Enter");
  await page.getByRole("link", { name: patient.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${given} ${family}` })).toBeVisible();

  // The course chart and its table twin.
  const progress = page.getByRole("region", { name: "Progress across the course" });
  await expect(progress.getByRole("img").first()).toBeVisible();
  const madrsRow = progress.getByRole("row").filter({ hasText: "MADRS" });
  await expect(madrsRow).toContainText("No response yet");

  // Record a MADRS of 0 on every item: remission.
  await page.getByRole("button", { name: "Record a scale" }).click();
  const form = page.getByRole("form").filter({ has: page.getByLabel("Instrument") });
  await form.getByLabel("Instrument").selectOption("MADRS");
  const items = form.getByRole("group");
  await expect(items).toHaveCount(10);
  for (let i = 0; i < 10; i += 1) {
    await items.nth(i).getByRole("radio", { name: "0", exact: true }).check();
  }
  await expect(form.getByText(/total 0 \/ 60/)).toBeVisible();
  await form.getByRole("button", { name: "Save MADRS" }).click();
  await expect(madrsRow).toContainText("Remission");

  // Sign a dose order on the IV course.
  const plan = page.getByRole("region", { name: "Treatment plan" });
  await plan.getByRole("button", { name: "Sign dose order" }).first().click();
  const order = plan.getByRole("form", { name: "Sign dose order" });
  await order.getByLabel("Dose (mg/kg)").fill("0.6");
  await order.getByRole("button", { name: "Sign order" }).click();
  await expect(plan).toContainText("0.6 mg/kg");
});

test("the live monitor shows every session in progress", async ({ page }) => {
  const sessions = (await (await page.request.get("/api/v1/sessions")).json()) as {
    data: { status: string; patientName: string }[];
  };
  const active = sessions.data.filter((s) => s.status === "in_progress");
  expect(active.length).toBeGreaterThan(0);
  await page.goto("/monitor");
  for (const s of active) {
    await expect(page.getByRole("link", { name: s.patientName })).toBeVisible();
  }
});
