/**
 * Databases for integration tests: an in-memory PGlite per test file, and a fresh database in
 * the run's throwaway PostgreSQL server. Both are migrated with the committed migrations.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, type DbHandle } from "@/db/client";

/** "pglite-thread": embedded PGlite on its own thread, as the app server runs it. */
export type EngineName = "pglite" | "pglite-thread" | "postgres";

export const postgresUrl = inject("postgresUrl");

export const ENGINES: EngineName[] = postgresUrl ? ["pglite", "postgres"] : ["pglite"];

export async function freshDatabase(engine: EngineName): Promise<DbHandle> {
  if (engine === "pglite" || engine === "pglite-thread") {
    const handle = await openDatabase({
      engine: "pglite",
      dataDir: "memory://",
      thread: engine === "pglite-thread",
    });
    await migrateDatabase(handle);
    return handle;
  }
  const url = await emptyPostgresDatabase();
  const handle = await openDatabase({ engine: "postgres", url, max: 5 });
  await migrateDatabase(handle);
  return handle;
}

/** A new, empty (not migrated) database in the run's PostgreSQL server; returns its URL. */
export async function emptyPostgresDatabase(): Promise<string> {
  if (!postgresUrl) throw new Error("PostgreSQL is not available in this run");
  const name = `kapstone_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return postgresUrl.replace(/\/[^/]*$/, `/${name}`);
}
