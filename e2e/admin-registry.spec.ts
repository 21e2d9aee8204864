import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("admin") });

/** A new referral at the front desk: chronic PTSD, referred to Dr. Okafor. */
const REFERRAL = {
  firstName: "Marisol",
  lastName: "Quintero-Haddad",
  dateOfBirth: "1984-09-02",
  bornLabel: "Sep 2, 1984",
};

async function fillIdentity(
  page: Page,
  names: { firstName: string; lastName: string },
): Promise<void> {
  await page.getByLabel("First name", { exact: true }).fill(names.firstName);
  await page.getByLabel("Last name", { exact: true }).fill(names.lastName);
  await page.getByLabel("Date of birth", { exact: true }).fill(REFERRAL.dateOfBirth);
  await page.getByLabel("Sex", { exact: true }).selectOption("Female");
}

test("the front desk registers a referral at intake and is warned when registering them again", async ({
  page,
}) => {
  await page.goto("/patients/new");
  await expect(page.getByRole("heading", { level: 1, name: "Register patient" })).toBeVisible();
  await expect(page.getByText("Generated if left empty.")).toBeVisible();

  await fillIdentity(page, REFERRAL);
  await page.getByLabel("Phone", { exact: true }).fill("207-555-0164");
  await page.getByLabel("Email", { exact: true }).fill("marisol.qh@example.com");
  await page.getByLabel("Emergency contact", { exact: true }).fill("Omar Haddad (brother)");
  await page.getByLabel("Emergency contact phone", { exact: true }).fill("207-555-0190");
  await page.getByLabel("Diagnosis (ICD-10 code)", { exact: true }).fill("F43.12");
  await expect(page.getByText("Post-traumatic stress disorder, chronic")).toBeVisible();
  await page
    .getByLabel("Psychiatrist", { exact: true })
    .selectOption({ label: "Dr. Maya Okafor, MD" });
  await page.getByLabel("Weight (kg)", { exact: true }).fill("64.5");
  await page.getByRole("button", { name: "Register patient" }).click();

  // The new patient's page: at intake, with a generated MRN.
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  const patientUrl = page.url();
  await expect(
    page.getByRole("heading", { level: 1, name: `${REFERRAL.firstName} ${REFERRAL.lastName}` }),
  ).toBeVisible();
  const header = page.getByRole("region", { name: "Patient" });
  await expect(header).toContainText("Intake");
  await expect(header).toContainText("Post-traumatic stress disorder, chronic");
  await expect(header).toContainText("Dr. Maya Okafor");
  const mrn = (await header.getByText(/^KP-\d{6}$/).textContent()) ?? "";
  expect(mrn).toMatch(/^KP-\d{6}$/);

  // The same person again (typed in capitals): a likely duplicate, named by MRN.
  await page.goto("/patients/new");
  await fillIdentity(page, {
    firstName: REFERRAL.firstName.toUpperCase(),
    lastName: REFERRAL.lastName.toUpperCase(),
  });
  await page.getByRole("button", { name: "Register patient" }).click();
  const warning = page.getByRole("alert").filter({ hasText: "Possible duplicate" });
  await expect(warning).toContainText(
    `A patient named ${REFERRAL.firstName.toUpperCase()} ${REFERRAL.lastName.toUpperCase()} born ${REFERRAL.bornLabel} already exists (MRN ${mrn}). Register anyway?`,
  );
  await expect(warning.getByRole("button", { name: "Register anyway" })).toBeVisible();
  await warning.getByRole("link", { name: `Open MRN ${mrn}` }).click();
  await expect(page).toHaveURL(patientUrl);
});

test.describe("on a tablet", () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test("the front desk adds a room, sees it bookable, and deactivates it", async ({ page }) => {
    await page.goto("/admin/rooms");
    await expect(page.getByRole("heading", { level: 1, name: "Rooms and hours" })).toBeVisible();
    await expect(page.getByLabel("Opens at")).toHaveValue("08:00");
    await expect(page.getByLabel("Closes at")).toHaveValue("18:00");

    const rooms = page.getByRole("table", { name: "Rooms and chairs" });
    await expect(rooms.getByRole("cell", { name: "Chair A", exact: true })).toBeVisible();

    await page.getByLabel("Room name").fill("Room 3 – Birch");
    await page.getByLabel("Kind").selectOption("Room");
    await page.getByRole("button", { name: "Add room" }).click();
    const birch = rooms.getByRole("row").filter({ hasText: "Room 3 – Birch" });
    await expect(birch).toContainText("Bookable");

    // The same name again is refused, whatever the case.
    await page.getByLabel("Room name").fill("room 3 – birch");
    await page.getByRole("button", { name: "Add room" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "already" })).toBeVisible();

    await birch.getByRole("button", { name: "Deactivate Room 3 – Birch" }).click();
    await expect(birch).toContainText("Deactivated");
    await expect(birch.getByRole("button", { name: "Reactivate Room 3 – Birch" })).toBeVisible();
  });
});
