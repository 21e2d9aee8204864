import path from "node:path";
import { openDatabase, migrateDatabase, type DbHandle } from "@/db/client";
import { config } from "@/lib/config";

type Holder = { kapstoneDb?: Promise<DbHandle> };
// PGlite does not lock its directory: two instances in one process would corrupt it, so the
// handle lives on globalThis where hot reloads and duplicated module graphs still find it.
const holder = globalThis as typeof globalThis & Holder;

async function prepare(): Promise<DbHandle> {
  const cfg = config();
  const handle =
    cfg.engine === "postgres" && cfg.databaseUrl
      ? await openDatabase({
          engine: "postgres",
          url: cfg.databaseUrl,
          countStatements: cfg.sqlStats,
        })
      : await openDatabase({
          engine: "pglite",
          dataDir: path.join(cfg.dataDir, "pglite"),
          // Off the request thread: a statement no longer holds up every other request.
          thread: true,
          countStatements: cfg.sqlStats,
        });
  await migrateDatabase(handle);
  if (handle.engine === "pglite") {
    const { seedDemoClinicIfEmpty } = await import("@/db/seed/demo-clinic");
    await seedDemoClinicIfEmpty(handle.db);
  }
  return handle;
}

/** The process's database, opened, migrated and (embedded only) seeded on first use. */
export function getDatabase(): Promise<DbHandle> {
  holder.kapstoneDb ??= prepare().catch((error: unknown) => {
    holder.kapstoneDb = undefined;
    throw error;
  });
  return holder.kapstoneDb;
}

export async function getDb(): Promise<DbHandle["db"]> {
  return (await getDatabase()).db;
}
