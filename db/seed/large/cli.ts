/**
 * `npm run seed:large` — fills a database with a large clinic network for performance work.
 *
 * Usage: tsx db/seed/large/cli.ts [--patients N] [--batch N] [--data-dir DIR] [--force]
 *                                 [--allow-production]
 *
 * With DATABASE_URL it loads that PostgreSQL database (the main target); without it, the
 * embedded PGlite database under the data directory (or --data-dir), which suits a few thousand
 * patients at most. Like `npm run db:seed` it refuses a database that already holds data unless
 * --force is given (which wipes it first), and a production database without --allow-production.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { config, type AppConfig } from "@/lib/config";
import { migrateDatabase, openDatabase, type DbHandle, type OpenOptions } from "../../client";
import { users } from "../../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../staff";
import { TABLES, seedLargeClinic, type Counts, type TableName } from "./generate";

/** An expected stop: printed as a plain message, never with a stack trace. */
class Refusal extends Error {}

type Flags = {
  patients: number;
  batch: number;
  dataDir: string | null;
  force: boolean;
  allowProduction: boolean;
};

const USAGE =
  "Usage: npm run seed:large -- [--patients N] [--batch N] [--data-dir DIR] [--force] [--allow-production]";

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Refusal(`${name} needs a positive whole number.`);
  return n;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = {
    patients: 20_000,
    batch: 250,
    dataDir: null,
    force: false,
    allowProduction: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--force") flags.force = true;
    else if (arg === "--allow-production") flags.allowProduction = true;
    else if (arg === "--patients") flags.patients = positive(arg, argv[(i += 1)]);
    else if (arg === "--batch") flags.batch = positive(arg, argv[(i += 1)]);
    else if (arg === "--data-dir") {
      const dir = argv[(i += 1)];
      if (!dir) throw new Refusal(`--data-dir needs a directory.\n${USAGE}`);
      flags.dataDir = path.resolve(dir);
    } else throw new Refusal(`Unknown option ${arg}.\n${USAGE}`);
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
    `${where} already holds data; run \`npm run seed:large -- --force\` to wipe it and load the large clinic network.`,
  );
}

async function preparePglite(
  dir: string,
  flags: Flags,
): Promise<{ handle: DbHandle; where: string }> {
  const where = `The embedded database at ${dir}`;
  let handle = await open({ engine: "pglite", dataDir: dir }, where);
  if (await holdsData(handle)) {
    await handle.close();
    if (!flags.force) refuseExisting(where);
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
      "NODE_ENV is production: the large demo network (with its shared demo password) does not belong in a production database. Pass --allow-production only if this really is a throwaway database.",
    );
  }
  const host = new URL(url).host;
  const where = `The PostgreSQL database at ${host}`;
  // Two connections: one batch is written while the next is generated.
  const handle = await open({ engine: "postgres", url, max: 2 }, where);
  if (await holdsData(handle)) {
    if (!flags.force) {
      await handle.close();
      refuseExisting(where);
    }
    // audit_events refuses DELETE and TRUNCATE, so the whole schema goes.
    await handle.db.execute(sql`DROP SCHEMA public CASCADE`);
    await handle.db.execute(sql`CREATE SCHEMA public`);
    await handle.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    console.log(`Dropped and recreated the public schema on ${host}.`);
  }
  return { handle, where: `PostgreSQL at ${host}` };
}

const LABELS: Record<TableName, string> = {
  users: "staff accounts",
  locations: "locations",
  rooms: "rooms and chairs",
  patients: "patients",
  treatmentCourses: "treatment courses",
  doseOrders: "dose orders",
  sessions: "sessions",
  doseAdministrations: "doses given",
  vitals: "vitals",
  alerts: "alerts",
  assessments: "assessments",
  adverseEvents: "adverse events",
  notes: "notes",
};

const total = (counts: Counts): number => Object.values(counts).reduce((a, n) => a + n, 0);
const thousands = (n: number): string => n.toLocaleString("en-US");

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  let cfg: AppConfig;
  try {
    cfg = config();
  } catch (error) {
    throw new Refusal(error instanceof Error ? error.message : String(error));
  }
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const { handle, where } = cfg.databaseUrl
    ? await preparePostgres(cfg, cfg.databaseUrl, flags)
    : await preparePglite(flags.dataDir ?? path.join(cfg.dataDir, "pglite"), flags);
  try {
    await migrateDatabase(handle);
    console.log(
      `Loading ${thousands(flags.patients)} patients into ${where} in batches of ${flags.batch}…`,
    );
    let lastPrint = 0;
    const summary = await seedLargeClinic(handle.db, {
      patients: flags.patients,
      batch: flags.batch,
      now: new Date(),
      timeZone: cfg.clinicTimeZone,
      onProgress: ({ patientsDone, counts }) => {
        const t = elapsed();
        if (t - lastPrint < 2 && patientsDone < flags.patients) return;
        lastPrint = t;
        const rows = total(counts);
        console.log(
          `  ${thousands(patientsDone).padStart(7)} / ${thousands(flags.patients)} patients  ` +
            `sessions ${thousands(counts.sessions)}  vitals ${thousands(counts.vitals)}  ` +
            `assessments ${thousands(counts.assessments)}  rows ${thousands(rows)}  ` +
            `${t.toFixed(1)} s  ${thousands(Math.round(rows / t))} rows/s`,
        );
      },
    });
    const seconds = elapsed();
    console.log(
      `\nLoaded the large clinic network into ${where} in ${seconds.toFixed(1)} s (clinic date ${summary.clinicDate}, ${summary.timeZone}).`,
    );
    for (const name of Object.keys(TABLES) as TableName[]) {
      console.log(`  ${LABELS[name].padEnd(18)} ${thousands(summary.counts[name]).padStart(11)}`);
    }
    console.log(
      `  ${"sessions today".padEnd(18)} ${thousands(summary.sessionsToday).padStart(11)}`,
    );
    const rows = total(summary.counts);
    console.log(
      `  ${"total rows".padEnd(18)} ${thousands(rows).padStart(11)}  (${thousands(Math.round(rows / seconds))} rows/s)`,
    );
    console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) {
      console.log(`  ${account.role.padEnd(13)} ${account.email.padEnd(34)} ${account.name}`);
    }
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
