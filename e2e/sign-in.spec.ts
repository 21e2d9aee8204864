import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "./accounts";

test.describe("signing in and out", () => {
  test("a wrong password is refused with one generic message and stays on sign-in", async ({
    page,
  }) => {
    await signIn(page, ACCOUNTS.nurse.email, "not-the-password");
    await expect(
      page.getByText("Email or password is incorrect, or the account is locked."),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("an unknown email gets exactly the same message", async ({ page }) => {
    await signIn(page, "nobody@demo.kapstone.test", DEMO_PASSWORD);
    await expect(
      page.getByText("Email or password is incorrect, or the account is locked."),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a signed-out visit to the patient list lands on sign-in and returns there afterwards", async ({
    page,
  }) => {
    await page.goto("/patients?status=active");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fpatients%3Fstatus%3Dactive/);
    await page.getByLabel("Email").fill(ACCOUNTS.psychiatrist.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/patients\?status=active$/);
    await expect(page.getByLabel("Status")).toHaveValue("active");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/schedule$/);
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/schedule");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the API answers 401 in the documented error shape when signed out", async ({ request }) => {
    const response = await request.get("/api/v1/me");
    expect(response.status()).toBe(401);
    const body = await response.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(typeof body.error.message).toBe("string");
  });
});
