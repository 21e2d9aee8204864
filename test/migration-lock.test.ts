/**
 * Several app servers started at once on one fresh PostgreSQL database each migrate it on first
 * use. They must not apply the migrations together: one migrates, the others wait for it and
 * then find nothing left to do.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DbHandle } from "@/db/client";
import { emptyPostgresDatabase, postgresUrl } from "./databases";

const journal = JSON.parse(
  readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
) as { entries: { when: number }[] };

type Inspector = ReturnType<typeof postgres>;

async function appliedMigrations(inspect: Inspector): Promise<number[]> {
  const rows = await inspect<{ created_at: string }[]>`
    select created_at from drizzle.__drizzle_migrations order by created_at`;
  return rows.map((r) => Number(r.created_at));
}

describe.runIf(postgresUrl !== null)("migrations on one PostgreSQL from several servers", () => {
  it("two servers migrating an empty database at the same moment both succeed, and it is migrated once", async () => {
    const url = await emptyPostgresDatabase();
    // Pools of one, as the seeding commands open them: the lock must not need a pool connection.
    const inspect = postgres(url, { max: 1, onnotice: () => {} });
    const servers: DbHandle[] = await Promise.all([
      openDatabase({ engine: "postgres", url, max: 1 }),
      openDatabase({ engine: "postgres", url, max: 1 }),
      openDatabase({ engine: "postgres", url, max: 10 }),
    ]);
    try {
      const outcomes = await Promise.allSettled(servers.map((s) => migrateDatabase(s)));
      expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual([
        "ok",
        "ok",
        "ok",
      ]);
      expect(await appliedMigrations(inspect)).toEqual(journal.entries.map((e) => e.when));
      // The schema is there: a table of the last migration answers.
      const [sessions] = await inspect<{ n: string }[]>`select count(*) as n from user_sessions`;
      expect(Number(sessions?.n)).toBe(0);

      // A later start finds nothing to do and changes nothing.
      const [first] = servers;
      if (!first) throw new Error("no handle");
      await migrateDatabase(first);
      expect(await appliedMigrations(inspect)).toEqual(journal.entries.map((e) => e.when));

      // Nobody holds the lock once the migrations are done.
      const [held] = await inspect<{ n: string }[]>`
        select count(*) as n from pg_locks where locktype = 'advisory'`;
      expect(Number(held?.n)).toBe(0);
    } finally {
      await Promise.all([...servers.map((s) => s.close()), inspect.end()]);
    }
  });
});
