/**
 * `npm run db:seed` — loads the demo clinic. Usage: tsx db/seed/cli.ts [--force] [--allow-production]
 *
 * Without DATABASE_URL it fills the embedded PGlite database under the data directory; with it,
 * the PostgreSQL database it names. It refuses to touch a database that already holds data unless
 * --force is given, and a production PostgreSQL database unless --allow-production is too.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { config, type AppConfig } from "@/lib/config";
import { migrateDatabase, openDatabase, type DbHandle, type OpenOptions } from "../client";
import { users } from "../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoClinic, type SeedSummary } from "./demo-clinic";

/** An expected stop: printed as a plain message, never with a stack trace. */
class Refusal extends Error {}

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

async function open(options: OpenOptions, where: string): Promise<DbHandle> {
  try {
    return await openDatabase(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint =
      options.engine === "pglite"
        ? " If a Kapstone server is running on this data directory, stop it first."
        : " Check DATABASE_URL and that the server is reachable.";
    throw new Refusal(`Could not open ${where}: ${reason}.${hint}`);
  }
}

function isUndefinedTable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ("code" in e && e.code === "42P01") return true;
  }
  return false;
}

/** True when the users table has a row; a database that was never migrated counts as empty. */
async function holdsData(handle: DbHandle): Promise<boolean> {
  try {
    const [row] = await handle.db.select({ n: count() }).from(users);
    return (row?.n ?? 0) > 0;
  } catch (error) {
    if (isUndefinedTable(error)) return false;
    throw error;
  }
}

function refuseExisting(where: string): never {
  throw new Refusal(
    `${where} already holds data; run \`npm run db:seed -- --force\` to wipe it and load the demo clinic.`,
  );
}

async function preparePglite(
  cfg: AppConfig,
  flags: Flags,
): Promise<{ handle: DbHandle; where: string }> {
  const dir = path.join(cfg.dataDir, "pglite");
  const where = `The embedded database at ${dir}`;
  let handle = await open({ engine: "pglite", dataDir: dir }, where);
  if (await holdsData(handle)) {
    if (!flags.force) {
      await handle.close();
      refuseExisting(where);
    }
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`Removed ${dir}.`);
    handle = await open({ engine: "pglite", dataDir: dir }, where);
  }
  return { handle, where: `embedded PGlite at ${dir}` };
}

async function preparePostgres(
  cfg: AppConfig,
  url: string,
  flags: Flags,
): Promise<{ handle: DbHandle; where: string }> {
  if (cfg.production && !flags.allowProduction) {
    throw new Refusal(
      "NODE_ENV is production: the demo clinic (with its shared demo password) does not belong in a production database. Pass --allow-production only if this really is a throwaway database.",
    );
  }
  const host = new URL(url).host;
  const where = `The PostgreSQL database at ${host}`;
  const handle = await open({ engine: "postgres", url, max: 1 }, where);
  if (await holdsData(handle)) {
    if (!flags.force) {
      await handle.close();
      refuseExisting(where);
    }
    await handle.db.execute(sql`DROP SCHEMA public CASCADE`);
    await handle.db.execute(sql`CREATE SCHEMA public`);
    await handle.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    console.log(`Dropped and recreated the public schema on ${host}.`);
  }
  return { handle, where: `PostgreSQL at ${host}` };
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
  console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS) {
    console.log(`  ${account.role.padEnd(13)} ${account.email.padEnd(34)} ${account.name}`);
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  let cfg: AppConfig;
  try {
    cfg = config();
  } catch (error) {
    throw new Refusal(error instanceof Error ? error.message : String(error));
  }
  const started = performance.now();
  const { handle, where } = cfg.databaseUrl
    ? await preparePostgres(cfg, cfg.databaseUrl, flags)
    : await preparePglite(cfg, flags);
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof Refusal) console.error(error.message);
    else console.error("Seeding failed:", error);
    process.exit(1);
  },
);
