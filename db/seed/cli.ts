/**
 * `npm run db:seed` — loads the demo clinic. Usage: tsx db/seed/cli.ts [--force] [--allow-production]
 *
 * Without DATABASE_URL it fills the embedded PGlite database under the data directory; with it,
 * the PostgreSQL database it names. It refuses to touch a database that already holds data unless
 * --force is given, and a production PostgreSQL database unless --allow-production is too.
 */
import path from "node:path";
import { migrateDatabase } from "../client";
import {
  openSeedTarget,
  printDemoAccounts,
  Refusal,
  runSeedCommand,
  seedConfig,
} from "./cli-support";
import { seedDemoClinic, type SeedSummary } from "./demo-clinic";

type Flags = { force: boolean; allowProduction: boolean };

const USAGE = "Usage: npm run db:seed -- [--force] [--allow-production]";

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { force: false, allowProduction: false };
  for (const arg of argv) {
    if (arg === "--force") flags.force = true;
    else if (arg === "--allow-production") flags.allowProduction = true;
    else throw new Refusal(`Unknown option ${arg}.\n${USAGE}`);
  }
  return flags;
}

function printSummary(summary: SeedSummary, where: string, seconds: number): void {
  const counts: [string, number][] = [
    ["staff accounts", summary.users],
    ["rooms", summary.rooms],
    ["patients", summary.patients],
    ["treatment courses", summary.courses],
    ["dose orders", summary.doseOrders],
    ["sessions", summary.sessions],
    ["  of them today", summary.sessionsToday],
    ["doses given", summary.doseAdministrations],
    ["vitals", summary.vitals],
    ["alerts", summary.alerts],
    ["assessments", summary.assessments],
    ["adverse events", summary.adverseEvents],
    ["notes", summary.notes],
  ];
  console.log(
    `Loaded the demo clinic into ${where} in ${seconds.toFixed(1)} s (clinic date ${summary.clinicDate}, ${summary.timeZone}).`,
  );
  for (const [label, n] of counts) console.log(`  ${label.padEnd(18)} ${n}`);
  printDemoAccounts();
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const cfg = seedConfig();
  const started = performance.now();
  const { handle, where } = await openSeedTarget(cfg, {
    what: "the demo clinic",
    forceCommand: "npm run db:seed -- --force",
    force: flags.force,
    allowProduction: flags.allowProduction,
    pgliteDir: path.join(cfg.dataDir, "pglite"),
  });
  try {
    await migrateDatabase(handle);
    const summary = await seedDemoClinic(handle.db, {
      now: new Date(),
      timeZone: cfg.clinicTimeZone,
    });
    printSummary(summary, where, (performance.now() - started) / 1000);
  } finally {
    await handle.close();
  }
}

runSeedCommand(main);
