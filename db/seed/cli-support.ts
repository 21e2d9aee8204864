/**
 * What both seeding commands (`db:seed`, `seed:large`) share: opening the target database with a
 * helpful message, refusing one that holds data unless told to wipe it, refusing a production
 * database, the demo accounts' printout, and plain-message exits for expected stops.
 */
import { rmSync } from "node:fs";
import { count, sql } from "drizzle-orm";
import { config, type AppConfig } from "@/lib/config";
import { openDatabase, type DbHandle, type OpenOptions } from "../client";
import { users } from "../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./staff";

/** An expected stop: printed as a plain message, never with a stack trace. */
export class Refusal extends Error {}

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

export type SeedTarget = {
  /** What is loaded, for messages: "the demo clinic". */
  what: string;
  /** The command that wipes and reloads: "npm run db:seed -- --force". */
  forceCommand: string;
  force: boolean;
  allowProduction: boolean;
  /** The embedded database's directory, used when there is no DATABASE_URL. */
  pgliteDir: string;
  /** Connections to PostgreSQL (more than one lets a loader write while it generates). */
  postgresConnections?: number;
};

/** The configuration, or a plain message saying what to set. */
export function seedConfig(): AppConfig {
  try {
    return config();
  } catch (error) {
    throw new Refusal(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Opens the database a seed goes into — PostgreSQL with DATABASE_URL, else embedded PGlite —
 * emptied first with `force`, refused when it holds data without it or is a production
 * database without `allowProduction`. Not yet migrated.
 */
export async function openSeedTarget(
  cfg: AppConfig,
  target: SeedTarget,
): Promise<{ handle: DbHandle; where: string }> {
  const refuseExisting = (where: string): never => {
    throw new Refusal(
      `${where} already holds data; run \`${target.forceCommand}\` to wipe it and load ${target.what}.`,
    );
  };
  const url = cfg.databaseUrl;
  if (!url) {
    const dir = target.pgliteDir;
    const where = `The embedded database at ${dir}`;
    let handle = await open({ engine: "pglite", dataDir: dir }, where);
    if (await holdsData(handle)) {
      await handle.close();
      if (!target.force) refuseExisting(where);
      rmSync(dir, { recursive: true, force: true });
      console.log(`Removed ${dir}.`);
      handle = await open({ engine: "pglite", dataDir: dir }, where);
    }
    return { handle, where: `embedded PGlite at ${dir}` };
  }
  if (cfg.production && !target.allowProduction) {
    throw new Refusal(
      `NODE_ENV is production: ${target.what} (with its shared demo password) does not belong in a production database. Pass --allow-production only if this really is a throwaway database.`,
    );
  }
  const host = new URL(url).host;
  const where = `The PostgreSQL database at ${host}`;
  const handle = await open(
    { engine: "postgres", url, max: target.postgresConnections ?? 1 },
    where,
  );
  if (await holdsData(handle)) {
    if (!target.force) {
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

export function printDemoAccounts(): void {
  console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS) {
    console.log(`  ${account.role.padEnd(13)} ${account.email.padEnd(34)} ${account.name}`);
  }
}

/** Runs a seeding command: exit 0, or 1 with a plain message (expected) or the error. */
export function runSeedCommand(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof Refusal) console.error(error.message);
      else console.error("Seeding failed:", error);
      process.exit(1);
    },
  );
}
