import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn, type DemoRole } from "./accounts";

const WIDTHS = [768, 1280] as const;
const OUT = "e2e/screenshots";

/** Today's dosing session in progress (the demo clinic always has one), else any session of the day. */
async function liveSessionPath(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/sessions");
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: { id: string; status: string; kind: string }[] };
  const live =
    data.find((s) => s.status === "in_progress" && s.kind === "dosing") ??
    data.find((s) => s.status === "in_progress") ??
    data[0];
  if (!live) throw new Error("No session today: is the demo clinic seeded as of today?");
  return `/sessions/${live.id}`;
}

async function shoot(page: Page, name: string, width: number): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true });
}

for (const width of WIDTHS) {
  test(`login at ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await shoot(page, "login", width);
  });

  for (const role of Object.keys(ACCOUNTS) as DemoRole[]) {
    test(`${role} pages at ${width}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 1000 });
      await signIn(page, ACCOUNTS[role].email, DEMO_PASSWORD);
      await expect(page).toHaveURL(new RegExp(`${ACCOUNTS[role].home}$`));
      await shoot(page, `${role}-home`, width);
      const extra: Record<DemoRole, string[]> = {
        psychiatrist: ["/today", "/schedule"],
        nurse: ["/patients", "/admin/users"],
        admin: ["/admin/users", "/admin/audit", "/patients"],
      };
      for (const path of extra[role]) {
        await page.goto(path);
        await shoot(page, `${role}${path.replaceAll("/", "-")}`, width);
      }
      if (role === "psychiatrist") {
        // A patient's record: chart, timeline, assessments with item answers, plan and notes.
        await page.goto("/patients?status=active");
        await page.getByRole("table").getByRole("link").first().click();
        await expect(page.getByRole("heading", { name: "Assessments" })).toBeVisible();
        await expect(
          page.getByRole("region", { name: "Progress across the course" }).getByRole("img").first(),
        ).toBeVisible();
        await shoot(page, "psychiatrist-patient", width);
      }
      if (role === "nurse") {
        // A dosing session in progress: the workspace with vitals on the chart.
        await page.goto(await liveSessionPath(page));
        await expect(page.getByRole("img", { name: /^Vitals chart/ })).toBeVisible();
        await shoot(page, "nurse-session", width);
      }
    });
  }
}

test("dark theme, nurse board at 768", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 768, height: 1000 });
  await signIn(page, ACCOUNTS.nurse.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/today$/);
  await shoot(page, "nurse-home-dark", 768);
  await page.goto(await liveSessionPath(page));
  await expect(page.getByRole("img", { name: /^Vitals chart/ })).toBeVisible();
  await shoot(page, "nurse-session-dark", 768);
});

for (const width of WIDTHS) {
  test(`idle warning and idle sign-out at ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 1000 });
    await page.clock.install();
    await signIn(page, ACCOUNTS.nurse.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/today$/);
    await page.clock.runFor("13:30");
    await expect(page.getByRole("alertdialog", { name: "Still there?" })).toBeVisible();
    await shoot(page, "idle-warning", width);
    await page.clock.runFor("02:00");
    await expect(page).toHaveURL(/reason=idle/);
    await expect(page.getByText(/without activity/)).toBeVisible();
    await shoot(page, "login-after-idle", width);
  });

  test(`not found at ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signIn(page, ACCOUNTS.psychiatrist.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/patients$/);
    await page.goto("/patients/not-a-patient/nowhere");
    await shoot(page, "not-found", width);
  });
}
