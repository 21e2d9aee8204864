import { expect, test } from "@playwright/test";
import { ACCOUNTS, storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("psychiatrist") });

test.describe("psychiatrist", () => {
  test("lands on their caseload and can search it", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/patients$/);
    await expect(page.getByRole("heading", { name: ACCOUNTS.psychiatrist.heading })).toBeVisible();
    const rows = page.getByRole("table").getByRole("row");
    expect(await rows.count()).toBeGreaterThan(5);

    const list = await page.request.get("/api/v1/patients");
    const { items } = (await list.json()) as { items: { mrn: string }[] };
    const firstMrn = items[0]?.mrn ?? "";
    await page.getByLabel("Search by name or MRN").fill(firstMrn);
    await page.getByLabel("Search by name or MRN").press("Enter");
    await expect(page).toHaveURL(new RegExp(`query=${firstMrn}`));
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  });

  test("sees only the navigation a psychiatrist may use", async ({ page }) => {
    await page.goto("/patients");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Patients" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Today" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Schedule" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);
  });

  test("sees a long course's most recent assessments first, and all of them on request", async ({
    page,
  }) => {
    // The active patient with the most assessments.
    const list = await page.request.get("/api/v1/patients?status=active&pageSize=100");
    const { items } = (await list.json()) as { items: { id: string }[] };
    let best = { id: "", count: 0 };
    for (const { id } of items) {
      const res = await page.request.get(`/api/v1/patients/${id}/assessments`);
      const count = ((await res.json()) as { data: unknown[] }).data.length;
      if (count > best.count) best = { id, count };
    }
    expect(best.count).toBeGreaterThan(12);
    await page.goto(`/patients/${best.id}`);
    const history = page.getByRole("table", { name: "Assessments with item answers" });
    // Header row plus the twelve most recent.
    await expect(history.getByRole("row")).toHaveCount(13);
    const more = page.getByRole("button", { name: `Show all ${best.count} assessments` });
    await expect(more).toHaveAttribute("aria-expanded", "false");
    // The older rows are read when asked for; a failed read says so and keeps the recent ones.
    const older = `**/api/v1/patients/${best.id}/assessments`;
    const failed = page
      .getByRole("alert")
      .filter({ hasText: "The older assessments could not be loaded" });
    await page.route(older, (route) => route.abort());
    await more.click();
    await expect(failed).toBeVisible();
    await expect(history.getByRole("row")).toHaveCount(13);
    await page.unroute(older);
    await more.click();
    await expect(history.getByRole("row")).toHaveCount(best.count + 1);
    await expect(failed).toHaveCount(0);
    await page.getByRole("button", { name: "Show the 12 most recent" }).click();
    await expect(history.getByRole("row")).toHaveCount(13);
  });

  test("the API describes the signed-in psychiatrist", async ({ page }) => {
    const response = await page.request.get("/api/v1/me");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      email: ACCOUNTS.psychiatrist.email,
      role: "psychiatrist",
    });
  });
});
