import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { storageStatePath } from "./accounts";

/** The psychiatrist's patient with the most doses given: the fullest course chart. */
async function fullestCoursePath(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/patients?pageSize=100");
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as {
    items: { id: string; course: { dosesGiven: number | null } | null }[];
  };
  const fullest = [...items].sort(
    (a, b) => (b.course?.dosesGiven ?? 0) - (a.course?.dosesGiven ?? 0),
  )[0];
  expect(fullest?.course?.dosesGiven ?? 0, "a patient has doses given").toBeGreaterThan(2);
  return `/patients/${fullest?.id}`;
}

/** The fullest course's patient page as the server sent it: scripts off, signed in. */
async function fullestCourseWithoutScripts(
  browser: Browser,
): Promise<{ bare: Page; path: string; context: BrowserContext }> {
  const context = await browser.newContext({
    storageState: storageStatePath("psychiatrist"),
    javaScriptEnabled: false,
  });
  const bare = await context.newPage();
  const path = await fullestCoursePath(bare);
  await bare.goto(path);
  return { bare, path, context };
}

/** Today's dosing session in progress: it has readings after the dose. */
async function liveSessionPath(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/sessions");
  expect(res.ok()).toBe(true);
  const { data } = (await res.json()) as { data: { id: string; status: string; kind: string }[] };
  const live = data.find((s) => s.status === "in_progress" && s.kind === "dosing");
  expect(live, "the demo day has a dosing session in progress").toBeDefined();
  return `/sessions/${live?.id}`;
}

/** Errors the page logs, such as a drawing that differs between the server and the browser. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.describe("course chart", () => {
  test.use({ storageState: storageStatePath("psychiatrist") });

  test("keeps its place and its spoken summary before scripts run, then draws", async ({
    browser,
  }) => {
    const { bare, path, context } = await fullestCourseWithoutScripts(browser);
    // The server sends the frame (size, legend, summary); the drawing is the browser's.
    const frame = bare
      .getByRole("region", { name: "Progress across the course" })
      .getByRole("img", { name: /dosing sessions/ });
    await expect(frame).toBeVisible();
    expect((await frame.boundingBox())?.height ?? 0).toBeGreaterThan(200);
    await expect(frame.locator("svg")).toHaveCount(0);
    await context.close();

    const page = await browser.newPage({ storageState: storageStatePath("psychiatrist") });
    const errors = consoleErrors(page);
    await page.goto(path);
    const chart = page
      .getByRole("region", { name: "Progress across the course" })
      .getByRole("img", { name: /dosing sessions/ });
    // The line through the assessments, and the dose labels above the plot.
    await expect(chart.locator("path[d^='M']").first()).toBeAttached();
    await expect(chart).toContainText("Baseline");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("gives each assessment's details on hover and from the keyboard", async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(await fullestCoursePath(page));
    const progress = page.getByRole("region", { name: "Progress across the course" });
    const points = progress.getByRole("listbox", { name: /assessments: arrow keys/ });

    // The drawing (and its points) comes once the page is interactive.
    await expect(points).toBeVisible();
    // The keyboard: one tab stop after the instrument select, the most recent assessment first.
    await progress.getByLabel("Instrument").focus();
    await page.keyboard.press("Tab");
    await expect(points).toBeFocused();
    const options = points.getByRole("option");
    const count = await options.count();
    expect(count).toBeGreaterThan(2);
    await expect(options.nth(count - 1)).toHaveAttribute("aria-selected", "true");
    await expect(progress.getByText(/^Items \(0–\d\)$/)).toBeVisible();
    await page.keyboard.press("Home");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await expect(options.first()).toHaveText(/: [A-Z0-9-]+ \d+ of \d+, .*baseline/);
    await page.keyboard.press("ArrowRight");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(points).toHaveAttribute("aria-activedescendant", /.+/);
    await page.keyboard.press("Escape");
    await expect(progress.getByText(/^Items \(0–\d\)$/)).toBeHidden();

    // The pointer: the assessment nearest in time, at the left edge the first.
    const box = await points.boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.move((box?.x ?? 0) + 1, (box?.y ?? 0) + 20);
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await expect(progress.getByText(/^Items \(0–\d\)$/)).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(points.getByRole("option", { selected: true })).toHaveCount(0);

    // All instruments as % of baseline: a visit at a time.
    await page.getByRole("button", { name: "All as % of baseline" }).click();
    const visits = progress.getByRole("listbox", { name: /% of baseline: arrow keys/ });
    await visits.focus();
    await page.keyboard.press("Home");
    await expect(visits.getByRole("option", { selected: true })).toHaveText(
      /^\w{3}, \w{3} \d+: [A-Z0-9-]+ \d+ % of baseline \(\d+/,
    );

    expect(errors).toEqual([]);
  });
});

test.describe("patient page below the first screen", () => {
  const PARTS = ["the course timeline", "the assessments", "the treatment plan", "the notes"];

  test("keeps a place for each part before scripts run, then the browser draws them", async ({
    browser,
  }) => {
    const { bare, path, context } = await fullestCourseWithoutScripts(browser);
    // The server sends the header, the chart's frame and the summary table as HTML; the four
    // parts below come as data, with a placeholder of about their height.
    await expect(bare.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(bare.getByRole("table", { name: "Progress per instrument" })).toBeVisible();
    for (const part of PARTS) {
      const placeholder = bare.getByRole("status", { name: `Loading ${part}` });
      await expect(placeholder).toBeVisible();
      expect((await placeholder.boundingBox())?.height ?? 0, part).toBeGreaterThan(150);
    }
    await expect(bare.getByRole("table", { name: "Course timeline" })).toHaveCount(0);
    await context.close();

    const page = await browser.newPage({ storageState: storageStatePath("psychiatrist") });
    const errors = consoleErrors(page);
    await page.goto(path);
    await expect(page.getByRole("table", { name: "Course timeline" })).toBeVisible();
    await expect(page.getByRole("table", { name: /Assessments with item answers/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Treatment plan" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Note" })).toBeVisible();
    for (const part of PARTS) {
      await expect(page.getByRole("status", { name: `Loading ${part}` })).toHaveCount(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

test.describe("session vitals chart", () => {
  test.use({ storageState: storageStatePath("nurse") });

  test("is drawn once the page is interactive and reads each reading from the keyboard", async ({
    page,
  }) => {
    const errors = consoleErrors(page);
    await page.goto(await liveSessionPath(page));
    const chart = page.getByRole("img", { name: /^Vitals chart: \d+ reading/ });
    await expect(chart).toBeVisible();
    await expect(chart).toContainText("Minutes from dose");

    const readings = page.getByRole("listbox", { name: /Readings after the dose/ });
    await readings.focus();
    await page.keyboard.press("End");
    const last = readings.getByRole("option").last();
    await expect(last).toHaveAttribute("aria-selected", "true");
    await expect(last).toHaveText(/^\d+ min from dose: BP \d+\/\d+ mmHg, heart rate \d+ bpm/);
    // The details beside the cursor: every value with its unit.
    await expect(page.getByText("Resp. rate", { exact: true })).toBeVisible();
    await expect(page.getByText(/^\d+ min from dose$/)).toBeVisible();

    expect(errors).toEqual([]);
  });
});
