import { expect, test } from "@playwright/test";
import { ACCOUNTS, storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("admin") });

test.describe("admin", () => {
  test("lands on the week calendar, with a list view for the keyboard", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/schedule$/);
    await expect(
      page.getByRole("heading", { name: ACCOUNTS.admin.heading, exact: true }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: /Week calendar/ })).toBeVisible();
    await page.goto("/schedule?view=list");
    await expect(page.getByRole("table").first()).toBeVisible();
    // Minimum necessary: no clinical alert column for admins.
    await expect(page.getByRole("columnheader", { name: /Alert/ })).toHaveCount(0);
  });

  test("reads the audit log, where sign-ins are recorded", async ({ page }) => {
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await page.getByLabel("Action").fill("auth.sign-in");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=auth.sign-in/);
    await expect(page.getByRole("cell", { name: "auth.sign-in" }).first()).toBeVisible();
  });

  test("sees the staff accounts and the admin navigation", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Staff accounts" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "nurse@demo.kapstone.test" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Staff" })).toBeVisible();
  });
});
