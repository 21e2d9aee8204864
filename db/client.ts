/**
 * The one database client of the process. No DATABASE_URL → embedded PGlite under the data
 * directory; DATABASE_URL=postgres://… → PostgreSQL through postgres.js. Both speak the same
 * Drizzle pg-core schema, so the rest of the app sees one `Db` type.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { installPatientSummaries } from "./patient-summaries";
import { preparingClient } from "./postgres-prepared";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Engine = "pglite" | "postgres";
type PGliteClient =
  | InstanceType<typeof import("@electric-sql/pglite").PGlite>
  | import("./pglite-thread").PgliteThread;

export type DbHandle = {
  db: Db;
  engine: Engine;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export type OpenOptions = (
  | {
      engine: "pglite";
      dataDir: string | "memory://";
      /** Run the database on a thread of its own (db/pglite-thread.ts), as the app server does. */
      thread?: boolean;
    }
  | { engine: "postgres"; url: string; max?: number }
) & {
  /** Count every statement the app sends (see sqlStatementCount); off unless measuring. */
  countStatements?: boolean;
};

// On globalThis: Next.js bundles this module into several server chunks, and the count must
// be one per process, not one per chunk.
type Counter = { kapstoneSqlStatements?: number };
const counter = globalThis as typeof globalThis & Counter;

/**
 * SQL statements sent through databases opened with `countStatements`, since the process
 * started. The benchmark reads it before and after one request to learn what the request ran.
 */
export function sqlStatementCount(): number {
  return counter.kapstoneSqlStatements ?? 0;
}

const statementCounter = {
  logQuery(): void {
    counter.kapstoneSqlStatements = sqlStatementCount() + 1;
  },
};

const logger = (options: OpenOptions): typeof statementCounter | undefined =>
  options.countStatements ? statementCounter : undefined;

/**
 * How to open a connection of its own to a PostgreSQL database, outside the handle's pool: the
 * migration lock belongs to one connection for as long as the migration runs, and a pool of one
 * (the seeding commands use one) would have none left to migrate with.
 */
const lockConnections = new WeakMap<Db, () => Sql>();

/** The advisory lock that serialises migrations, the same on every Kapstone server ("Kaps", 1). */
export const MIGRATION_LOCK_KEY = [0x4b617073, 1] as const;
/** How long a server waits for another one's migration before it gives up and says so. */
const MIGRATION_LOCK_WAIT = "5min";

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    // A server component that reads data without a dynamic API would be pre-rendered at build
    // time with whatever the build machine's database holds. Fail loudly instead.
    throw new Error(
      "The database was opened during `next build`. Make the page dynamic (read the session or call connection()).",
    );
  }
  if (options.engine === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const release = options.dataDir === "memory://" ? () => {} : lockDataDir(options.dataDir);
    let client: PGliteClient;
    try {
      client = options.thread
        ? await (await import("./pglite-thread")).PgliteThread.open(options.dataDir)
        : await PGlite.create(options.dataDir);
    } catch (error) {
      release();
      throw error;
    }
    // The thread client answers the calls Drizzle's PGlite driver makes (query, exec, transaction).
    const db: Db = drizzle(client as InstanceType<typeof PGlite>, {
      schema,
      logger: logger(options),
    });
    return {
      db,
      engine: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
  const db: Db = drizzle(preparingClient(client), { schema, logger: logger(options) });
  lockConnections.set(db, () => postgres(options.url, { max: 1, onnotice: () => {} }));
  return { db, engine: "postgres", close: () => client.end({ timeout: 5 }) };
}

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.engine === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as PgliteDatabase<typeof schema>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    await installPatientSummaries(handle.db);
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const openLockConnection = lockConnections.get(handle.db);
  if (!openLockConnection) throw new Error("This PostgreSQL handle was not made by openDatabase.");
  // Several app servers starting at once on a fresh database would each see the migrations as
  // pending and apply them together; the second would then fail half-way ("relation already
  // exists"). A session advisory lock lets one migrate while the others wait, and they then
  // find nothing left to do. The lock ends with its connection, so a crash cannot leave it held.
  const lock = openLockConnection();
  try {
    await lock`select set_config('lock_timeout', ${MIGRATION_LOCK_WAIT}, false)`;
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY[0]}, ${MIGRATION_LOCK_KEY[1]})`;
    } catch (error) {
      if ((error as { code?: unknown }).code === "55P03") {
        throw new Error(
          `Another Kapstone process has been migrating this database for over ${MIGRATION_LOCK_WAIT}; look at that server's log, then start this one again.`,
        );
      }
      throw error;
    }
    await migrate(handle.db as PostgresJsDatabase<typeof schema>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    await installPatientSummaries(handle.db);
  } finally {
    await lock.end({ timeout: 5 });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite does not lock its directory, and two processes writing one directory corrupt it.
 * A pid file beside the data refuses a second process (a server and `db:seed`, say) clearly.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir}.lock`;
  try {
    const holder = Number(readFileSync(lockFile, "utf8").trim());
    if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
      throw new Error(
        `The embedded database at ${dataDir} is in use by process ${holder}. Stop that Kapstone process first.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}
