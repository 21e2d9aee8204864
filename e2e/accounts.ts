import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "Kapstone-demo-1";

export const ACCOUNTS = {
  psychiatrist: {
    email: "psychiatrist@demo.kapstone.test",
    home: "/patients",
    heading: "My patients",
  },
  nurse: { email: "nurse@demo.kapstone.test", home: "/today", heading: "Today" },
  admin: { email: "admin@demo.kapstone.test", home: "/schedule", heading: "Schedule" },
} as const;

export type DemoRole = keyof typeof ACCOUNTS;

export const storageStatePath = (role: DemoRole): string => `e2e/.auth/${role}.json`;

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
