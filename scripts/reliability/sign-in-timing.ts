/**
 * `npm run reliability:sign-in-timing` — how long a refused sign-in takes, by reason, on the
 * real sign-in code against a seeded embedded database. An attacker timing the answers must not
 * learn whether an email belongs to an account: every refusal runs one argon2id verification.
 * Prints median and p95 per case and the largest ratio between case medians.
 */
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { migrateDatabase, openDatabase } from "@/db/client";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { authenticate } from "@/lib/auth/sign-in";

const ROUNDS = Number(process.env.ROUNDS ?? 40);
const PASSWORD = "Kapstone-demo-1";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const handle = await openDatabase({ engine: "pglite", dataDir: "memory://" });
  await migrateDatabase(handle);
  await seedDemoClinic(handle.db, { now: new Date(), timeZone: "America/New_York" });
  const db = handle.db;

  type Case = { run: (i: number) => Promise<unknown>; after?: () => Promise<unknown> };
  const cases: Record<string, Case> = {
    "right password": {
      run: () => authenticate(db, { email: "nurse@demo.kapstone.test", password: PASSWORD }, null),
    },
    "wrong password": {
      run: (i) =>
        authenticate(db, { email: "psychiatrist@demo.kapstone.test", password: `x${i}` }, null),
      // Outside the timing: clear the counter so the account never locks while measured.
      after: () =>
        db
          .update(users)
          .set({ failedLoginCount: 0, lockedUntil: null })
          .where(eq(users.email, "psychiatrist@demo.kapstone.test")),
    },
    "unknown email": {
      run: (i) =>
        authenticate(db, { email: `nobody-${i}@demo.kapstone.test`, password: PASSWORD }, null),
    },
  };

  const medians: Record<string, number> = {};
  console.log(`Refused and accepted sign-ins, ${ROUNDS} rounds each (ms):`);
  // Cases take turns, so a busy moment on the machine falls on all of them alike.
  const times: Record<string, number[]> = {};
  for (const [name, { run, after }] of Object.entries(cases)) {
    times[name] = [];
    await run(-1); // warm-up
    await after?.();
  }
  for (let i = 0; i < ROUNDS; i += 1) {
    for (const [name, { run, after }] of Object.entries(cases)) {
      const start = performance.now();
      await run(i);
      times[name]?.push(performance.now() - start);
      await after?.();
    }
  }
  for (const [name, list] of Object.entries(times)) {
    list.sort((a, b) => a - b);
    medians[name] = percentile(list, 50);
    console.log(
      `  ${name.padEnd(15)} median ${percentile(list, 50).toFixed(1).padStart(6)}  p95 ${percentile(list, 95).toFixed(1).padStart(6)}`,
    );
  }
  const refused = [medians["wrong password"] ?? NaN, medians["unknown email"] ?? NaN];
  const ratio = Math.max(...refused) / Math.min(...refused);
  console.log(
    `  wrong password vs unknown email: medians within ${((ratio - 1) * 100).toFixed(1)} %`,
  );
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
