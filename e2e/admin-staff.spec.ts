import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn, storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("admin") });
// One front-desk journey in steps: the audit search looks for the changes made before it.
test.describe.configure({ mode: "serial" });

const CSV_HEADER =
  "At,Actor name,Actor email,Role,Action,Entity type,Entity ID,Patient ID,Outcome,Address";
const TEMPORARY_PASSWORD = /^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/;

test.describe("admin manages staff accounts", () => {
  test("adds a nurse, who signs in with the temporary password and chooses their own", async ({
    page,
    browser,
  }) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Staff accounts" })).toBeVisible();
    await page.getByRole("button", { name: "Add staff member" }).click();

    const form = page.getByRole("dialog", { name: "Add staff member" });
    await form.getByLabel("Name", { exact: true }).fill("Taylor Quinn");
    await form.getByLabel("Email", { exact: true }).fill("Taylor.Quinn@kapstone.test");
    await form.getByLabel("Role", { exact: true }).selectOption("Nurse");
    await form.getByRole("button", { name: "Create account" }).click();

    const created = page.getByRole("dialog", { name: "Account created" });
    const temporary = created.getByLabel("Temporary password");
    await expect(temporary).toHaveValue(TEMPORARY_PASSWORD);
    const password = await temporary.inputValue();
    await expect(created).toContainText("must be changed at first sign-in");
    await created.getByRole("button", { name: "Done" }).click();
    await expect(created).toBeHidden();

    const row = page.getByRole("row").filter({ hasText: "taylor.quinn@kapstone.test" });
    await expect(row).toContainText("Temporary password");
    await expect(row.getByLabel("Role of Taylor Quinn")).toHaveValue("nurse");

    // The new nurse, on a browser of their own. Playwright hands new contexts this file's admin
    // storage state: start from none instead.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const nurse = await context.newPage();
    await signIn(nurse, "taylor.quinn@kapstone.test", password);
    // A temporary password opens nothing but the account page until it is replaced.
    await expect(nurse).toHaveURL(/\/account\?change=required$/);
    await expect(nurse.getByText("Choose your own password to continue")).toBeVisible();
    await nurse.goto("/today");
    await expect(nurse).toHaveURL(/\/account\?change=required$/);
    await nurse.getByLabel("Current password").fill(password);
    await nurse.getByLabel("New password", { exact: true }).fill("Infusion-chair-seven-42");
    await nurse.getByLabel("Confirm new password").fill("Infusion-chair-seven-42");
    await nurse.getByRole("button", { name: "Change password" }).click();
    await expect(nurse).toHaveURL(/\/today$/);
    await context.close();
    await page.reload();
    await expect(row).not.toContainText("Temporary password");
  });

  test("deactivates a nurse, who can then no longer sign in", async ({ page, browser }) => {
    await page.goto("/admin/users");
    // Another nurse than the demo nurse: later journeys sign in as that one.
    let email = "";
    for (const row of await page
      .getByRole("row")
      .filter({ hasText: "@demo.kapstone.test" })
      .all()) {
      const candidate = ((await row.getByRole("cell").nth(1).textContent()) ?? "").trim();
      const role = await row.getByRole("combobox").inputValue();
      const active = (await row.getByText("Active", { exact: true }).count()) > 0;
      if (role === "nurse" && active && candidate !== ACCOUNTS.nurse.email) {
        email = candidate;
        break;
      }
    }
    expect(email).toMatch(/@demo\.kapstone\.test$/);
    const row = page.getByRole("row").filter({ hasText: email });

    await row.getByRole("button", { name: /^Deactivate / }).click();
    const confirm = page.getByRole("dialog", { name: /^Deactivate .+\?$/ });
    await expect(confirm).toContainText("can no longer sign in");
    await confirm.getByRole("button", { name: "Deactivate", exact: true }).click();
    await expect(row.getByText("Deactivated", { exact: true })).toBeVisible();

    // A fresh browser, as the nurse at the chair would have: the generic refusal.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const nursePage = await context.newPage();
    await signIn(nursePage, email, DEMO_PASSWORD);
    await expect(nursePage.getByText("Email or password is incorrect")).toBeVisible();
    await expect(nursePage).toHaveURL(/\/login/);
    await context.close();

    // Back as seeded, so later journeys find the whole nursing team.
    await row.getByRole("button", { name: /^Reactivate / }).click();
    await page
      .getByRole("dialog", { name: /^Reactivate .+\?$/ })
      .getByRole("button", { name: "Reactivate", exact: true })
      .click();
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
  });

  test("finds those changes in the audit log and exports them as CSV", async ({ page }) => {
    await page.goto("/admin/audit");
    await page.getByLabel("Action").fill("user.update");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=user\.update/);
    const changes = page.getByRole("cell", { name: "user.update", exact: true });
    // The deactivation and the reactivation just made, at least.
    await expect(changes.nth(1)).toBeVisible();
    const shown = await changes.count();

    const exportLink = page.getByRole("link", { name: "Export CSV" });
    await expect(exportLink).toHaveAttribute("href", /action=user\.update/);
    const downloading = page.waitForEvent("download");
    await exportLink.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^kapstone-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.slice(1)).toHaveLength(shown);
    expect(lines.slice(1).every((line) => line.includes(",user.update,user,"))).toBe(true);
  });
});
