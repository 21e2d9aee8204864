import { expect, test } from "@playwright/test";
import { ACCOUNTS, storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("nurse") });

test.describe("nurse", () => {
  test("lands on today's board with sessions by time and room", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/today$/);
    await expect(
      page.getByRole("heading", { name: ACCOUNTS.nurse.heading, exact: true }),
    ).toBeVisible();
    const table = page.getByRole("table", { name: "Today's sessions by time and room" });
    await expect(table.getByRole("columnheader", { name: "Room" })).toBeVisible();
    await expect(table.getByText("In progress").first()).toBeVisible();
    await expect(table.getByText("Checked in").first()).toBeVisible();

    await page.getByRole("link", { name: "My sessions" }).click();
    await expect(page).toHaveURL(/show=mine/);
    await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  });

  test("opening an admin page shows a clear not-permitted page with a way back", async ({
    page,
  }) => {
    const response = await page.goto("/admin/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not permitted" })).toBeVisible();
    await page.getByRole("link", { name: "Back to my home page" }).click();
    await expect(page).toHaveURL(/\/today$/);
  });

  test("the sessions API lists the clinic day for the board", async ({ page }) => {
    const response = await page.request.get("/api/v1/sessions");
    expect(response.status()).toBe(200);
    const sessions = await response.json();
    expect(Array.isArray(sessions.data)).toBe(true);
  });
});
