import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn, storageStatePath, type DemoRole } from "./accounts";

// Sign in once per role and keep the session, so journeys start signed in.
for (const role of Object.keys(ACCOUNTS) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const account = ACCOUNTS[role];
    await signIn(page, account.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(new RegExp(`${account.home}$`));
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
