/**
 * On PostgreSQL every statement Drizzle sends is a named prepared statement, in and out of
 * transactions: one round trip and no parse once a connection has seen it (db/postgres-prepared.ts).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { queryRows } from "@/db/statements";
import { freshDatabase, postgresUrl } from "./databases";

describe.runIf(postgresUrl !== null)("statements on PostgreSQL", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase("postgres");
  });
  afterAll(async () => {
    await handle.close();
  });

  const preparedHere = sql`select count(*)::int as n from pg_prepared_statements
    where statement like '%"users"."email" = $1%'`;

  it("are prepared on the connection that ran them, and answer the same each time", async () => {
    const { db } = handle;
    // One transaction keeps every statement on one connection.
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i += 1) {
        const found = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, `nobody-${i}@example.org`));
        expect(found).toEqual([]);
      }
      const [row] = await queryRows<{ n: number }>(tx, preparedHere);
      expect(row?.n).toBe(1);
    });
  });

  it("take their parameters' types from the statement, as unprepared ones did", async () => {
    const { db } = handle;
    const [row] = await queryRows<{ sum: number; later: boolean; label: string }>(
      db,
      sql`select ${2}::int + ${3}::int as sum,
        ${"2026-11-22T10:00:00.000Z"}::timestamptz > ${"2026-11-21T10:00:00Z"}::timestamptz as later,
        ${"ketamine"} || ${" 0.5 mg/kg"} as label`,
    );
    expect(row).toEqual({ sum: 5, later: true, label: "ketamine 0.5 mg/kg" });
  });
});
