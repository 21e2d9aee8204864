import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("nurse") });

type SessionSummary = {
  id: string;
  status: string;
  kind: string;
  protocol: string | null;
  patientName: string;
};

async function todaysSessions(page: Page): Promise<SessionSummary[]> {
  const response = await page.request.get("/api/v1/sessions");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { data: SessionSummary[] }).data;
}

async function enterVitals(
  page: Page,
  form: string,
  values: Record<string, string>,
): Promise<void> {
  const region = page.getByRole("form", { name: form });
  for (const [label, value] of Object.entries(values)) {
    await region.getByLabel(label, { exact: false }).fill(value);
  }
  // Keyboard-first: Enter in the last field saves.
  await region.getByLabel(Object.keys(values).at(-1) ?? "Systolic").press("Enter");
}

test.describe("nurse at the chair", () => {
  test("runs an IV session: check-in, pre-dose guidance, dose, alert, adverse event, discharge", async ({
    page,
    browser,
  }) => {
    const sessions = await todaysSessions(page);
    const target = sessions.find(
      (s) => s.status === "scheduled" && s.kind === "dosing" && s.protocol === "iv_ketamine",
    );
    expect(target, "the demo day has a scheduled IV infusion").toBeDefined();
    if (!target) return;

    await page.goto("/today");
    await page.getByRole("link", { name: target.patientName }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: target.patientName })).toBeVisible();

    // 1. Check in.
    await page.getByLabel("Identity confirmed").check();
    await page.getByLabel("Fasting confirmed").check();
    await page.getByLabel("Ride home arranged").check();
    await page.getByRole("button", { name: "Check in" }).click();
    await expect(page.getByRole("heading", { name: "Pre-dose check" })).toBeVisible();

    // 2. Baseline above 140/90: re-check guidance, dose not yet possible.
    await enterVitals(page, "Baseline vitals", {
      Systolic: "146",
      Diastolic: "88",
      "Heart rate": "78",
    });
    await expect(page.getByText("Re-check before dosing: above 140/90")).toBeVisible();
    await expect(page.getByRole("button", { name: "Record dose" })).toHaveCount(0);
    await expect(page.getByLabel("Systolic", { exact: false }).first()).toBeFocused();

    // The psychiatrist records the acknowledgement from their own device.
    const psychiatrist = await browser.newContext({
      storageState: storageStatePath("psychiatrist"),
    });
    const desk = await psychiatrist.newPage();
    await desk.goto(page.url());
    await desk.getByRole("button", { name: "Acknowledge and allow the dose" }).click();
    await expect(desk.getByText(/Acknowledged by/)).toBeVisible();
    await psychiatrist.close();

    // 3. Dose as ordered.
    await page.reload();
    await page.getByLabel("Lot number").fill("KET-26C301");
    await page.getByRole("button", { name: "Record dose" }).click();
    await expect(page.getByText(/Dose given:/)).toBeVisible();

    // 4. Monitoring: a reading that fires bp-high, shown with its rule, value and threshold.
    await enterVitals(page, "Record vitals", {
      Systolic: "165",
      Diastolic: "92",
      "Heart rate": "90",
      SpO2: "97",
      "MOAA/S": "4",
    });
    const fired = page.getByRole("status").filter({ hasText: "Alert fired on the last reading" });
    await expect(fired).toContainText("bp-high");
    await expect(fired).toContainText("165");
    // The alert joins the session's alert list, with text and icon.
    await expect(page.getByRole("region", { name: /^Alerts/ })).toContainText("bp-high");

    // An implausible value is refused naming the field, and nothing is queued.
    await enterVitals(page, "Record vitals", {
      Systolic: "120",
      Diastolic: "130",
      "Heart rate": "80",
    });
    await expect(
      page.getByText("Diastolic must be below systolic", { exact: false }),
    ).toBeVisible();

    // Correcting a reading, from the keyboard: the dialog opens on the first press (its code
    // loads then), takes focus, and hands it back to the same button when closed.
    const amend = page.getByRole("button", { name: /^Amend the reading of/ }).first();
    await amend.focus();
    await page.keyboard.press("Enter");
    const correction = page.getByRole("dialog", { name: "Correct a vitals entry" });
    await expect(correction).toBeVisible();
    await expect(correction.locator(":focus")).toHaveCount(1);
    await page.keyboard.press("Escape");
    await expect(correction).toBeHidden();
    await expect(amend).toBeFocused();

    // Adverse event.
    await page.getByRole("button", { name: "Record adverse event" }).click();
    await page.getByLabel("Type").selectOption("nausea");
    await page.getByLabel("Severity").selectOption("mild");
    await page.getByLabel("Action taken").fill("Ondansetron 4 mg ODT");
    await page.getByRole("button", { name: "Save adverse event" }).click();
    await expect(page.getByText("Ondansetron 4 mg ODT")).toBeVisible();

    // Dissociation: the CADSS form (loaded on first open) records the total.
    await page.getByRole("button", { name: "Enter CADSS" }).click();
    await page.getByLabel("Item 1", { exact: true }).fill("2");
    await page.getByLabel("Item 2", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Save CADSS" }).click();
    await expect(page.getByText("CADSS total 3 / 92")).toBeVisible();

    // 5. Discharge: the readiness checklist shows what is not met yet; discharge with a reason.
    const checklist = page.getByRole("list", { name: "Discharge readiness" });
    await expect(checklist).toContainText("Not met");
    await page
      .getByLabel("Reason to discharge although criteria are not met")
      .fill("Transferred to recovery chair under direct observation");
    await page.getByRole("button", { name: "Discharge with reason" }).click();
    await expect(
      page.getByText(/criteria overridden: Transferred to recovery chair/),
    ).toBeVisible();
    await expect(page.getByRole("list", { name: "Session stages" })).toContainText("Discharged");
  });

  test("offline: entries are kept on the tablet, survive a reload and are stored exactly once", async ({
    page,
    context,
  }) => {
    const sessions = await todaysSessions(page);
    const target = sessions.find((s) => s.status === "in_progress" && s.kind === "dosing");
    expect(target, "the demo day has a session in progress").toBeDefined();
    if (!target) return;
    const countVitals = async (): Promise<number> => {
      const response = await page.request.get(`/api/v1/sessions/${target.id}/vitals`);
      return ((await response.json()) as { data: unknown[] }).data.length;
    };
    const before = await countVitals();

    await page.goto(`/sessions/${target.id}`);
    await expect(page.getByRole("form", { name: "Record vitals" })).toBeVisible();
    // The tablet has had the page open for a while: the chart's code is loaded.
    await expect(page.getByRole("img", { name: /Vitals chart/ })).toBeVisible();
    await context.setOffline(true);
    await enterVitals(page, "Record vitals", {
      Systolic: "131",
      Diastolic: "83",
      "Heart rate": "77",
    });
    await enterVitals(page, "Record vitals", {
      Systolic: "129",
      Diastolic: "81",
      "Heart rate": "75",
    });
    const pending = page.getByRole("region", { name: "Entries not yet saved" });
    await expect(pending.getByRole("listitem")).toHaveCount(2);
    await expect(pending).toContainText("131/83");
    await expect(page.getByText("Offline — entries are kept on this tablet")).toBeVisible();

    // A reload while the Wi-Fi is down cannot load the page, but loses nothing.
    await page.reload().catch(() => undefined);
    await context.setOffline(false);
    await page.goto(`/sessions/${target.id}`);
    await expect(page.getByRole("region", { name: "Entries not yet saved" })).toHaveCount(0);
    await expect.poll(countVitals).toBe(before + 2);

    const table = page.getByRole("table", { name: "Vitals, in time order" });
    await expect(table.getByRole("row").filter({ hasText: "131/83" })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: "129/81" })).toHaveCount(1);
  });
});
