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
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Engine = "pglite" | "postgres";

export type DbHandle = {
  db: Db;
  engine: Engine;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export type OpenOptions = (
  | { engine: "pglite"; dataDir: string | "memory://" }
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
    const client = await PGlite.create(options.dataDir);
    const db: Db = drizzle(client, { schema, logger: logger(options) });
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
  const db: Db = drizzle(client, { schema, logger: logger(options) });
  return { db, engine: "postgres", close: () => client.end({ timeout: 5 }) };
}

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.engine === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as PgliteDatabase<typeof schema>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  await migrate(handle.db as PostgresJsDatabase<typeof schema>, {
    migrationsFolder: MIGRATIONS_FOLDER,
  });
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
