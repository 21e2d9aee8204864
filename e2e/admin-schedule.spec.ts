import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageStatePath } from "./accounts";

test.use({ storageState: storageStatePath("admin") });

type Room = { id: string; name: string; active: boolean };
type Patient = { id: string; name: string };

/** A Monday far enough ahead that the demo clinic has nothing booked (the seed covers two weeks). */
function quietMonday(weeksAhead: number): string {
  const day = new Date();
  day.setUTCHours(12, 0, 0, 0);
  const toMonday = (8 - day.getUTCDay()) % 7 || 7;
  day.setUTCDate(day.getUTCDate() + toMonday + 7 * weeksAhead);
  return day.toISOString().slice(0, 10);
}

async function rooms(request: APIRequestContext): Promise<Room[]> {
  const answer = (await (await request.get("/api/v1/rooms")).json()) as {
    data?: Room[];
    items?: Room[];
  };
  return (answer.data ?? answer.items ?? []).filter((r) => r.active);
}

async function patients(request: APIRequestContext): Promise<Patient[]> {
  const answer = (await (await request.get("/api/v1/patients?scope=all&pageSize=100")).json()) as {
    items: Patient[];
  };
  return answer.items;
}

test("an admin books an IV induction series, resolves a conflict with the suggestion and finds six sessions", async ({
  page,
}) => {
  const monday = quietMonday(4);
  const [room] = await rooms(page.request);
  const everyone = await patients(page.request);
  const [blocker, patient] = [everyone[3], everyone[4]];
  expect(room && blocker && patient).toBeTruthy();
  if (!room || !blocker || !patient) return;

  // Someone else already has the room on the first Monday at 10:00.
  const booked = await page.request.post("/api/v1/sessions", {
    data: {
      patientId: blocker.id,
      kind: "follow_up",
      roomId: room.id,
      start: new Date(`${monday}T15:00:00Z`).toISOString(),
      end: new Date(`${monday}T15:30:00Z`).toISOString(),
    },
  });
  expect(booked.status()).toBe(201);

  await page.goto(`/schedule?date=${monday}`);
  await page.getByRole("button", { name: "Book a series" }).click();
  const dialog = page.getByRole("dialog", { name: "Book a series" });
  const [family, given] = patient.name.split(", ");
  await dialog.getByLabel("Patient").fill(`${given} ${family}`);
  await dialog.getByRole("list", { name: "Matching patients" }).getByRole("button").first().click();
  await dialog.getByLabel("Series").selectOption("iv-induction");
  await dialog.getByLabel("First date").fill(monday);
  await dialog.getByLabel("Time (clinic time)").fill("10:00");
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) {
    await dialog
      .getByLabel(day, { exact: true })
      .setChecked(["Monday", "Wednesday", "Friday"].includes(day));
  }
  await dialog.getByLabel("Room").selectOption(room.id);
  await dialog.getByRole("button", { name: "Preview dates" }).click();

  const proposed = dialog.getByRole("list", { name: "Proposed sessions" });
  // One entry per planned infusion (each entry may hold its own list of conflicts).
  await expect(proposed.locator(":scope > li")).toHaveCount(6);
  await expect(proposed).toContainText(room.name);
  await proposed
    .getByRole("button", { name: /Use suggested time/ })
    .first()
    .click();
  await dialog.getByRole("button", { name: "Book 6 sessions" }).click();
  await expect(page.getByText(/Booked 6 sessions/)).toBeVisible();

  // The six infusions are on the calendar: three in each of the two weeks.
  const from = new Date(`${monday}T00:00:00Z`).toISOString();
  const to = new Date(Date.parse(`${monday}T00:00:00Z`) + 14 * 86_400_000).toISOString();
  const list = (await (
    await page.request.get(
      `/api/v1/sessions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    )
  ).json()) as { data: { patientId: string; kind: string }[] };
  expect(list.data.filter((s) => s.patientId === patient.id && s.kind === "dosing")).toHaveLength(
    6,
  );
  await page.goto(`/schedule?view=list&date=${monday}`);
  await expect(page.getByRole("row").filter({ hasText: `${given} ${family}` })).toHaveCount(3);
});
