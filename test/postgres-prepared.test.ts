/**
 * On PostgreSQL every statement Drizzle sends is a named prepared statement, in and out of
 * transactions: one round trip and no parse once a connection has seen it (db/postgres-prepared.ts).
 */
import { asc, eq, sql } from "drizzle-orm";
import { PgDialect, QueryBuilder } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { pageOf, queryRows } from "@/db/statements";
import { emptyPostgresDatabase, freshDatabase, postgresUrl } from "./databases";

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

  it("keep one plan when their LIMIT is written into the text", async () => {
    const { db } = handle;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 8; i += 1) {
        await tx.execute(
          pageOf(
            tx
              .select({ id: users.id })
              .from(users)
              .where(eq(users.role, "nurse"))
              .orderBy(asc(users.email)),
            7,
            0,
          ),
        );
      }
      const [row] = await queryRows<{ generic: number; custom: number }>(
        tx,
        sql`select generic_plans::int as generic, custom_plans::int as custom
          from pg_prepared_statements where statement like '%order by "users"."email" asc limit 7'`,
      );
      // Five custom plans while PostgreSQL learns the statement, then the one generic plan.
      expect(row?.custom).toBe(5);
      expect(row?.generic).toBe(3);
    });
  });
});

describe.runIf(postgresUrl !== null)("transactions on PostgreSQL", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    // One connection: a transaction that did not give its connection back stops the next.
    handle = await openDatabase({ engine: "postgres", url: await emptyPostgresDatabase(), max: 1 });
    await handle.db.execute(sql`create table entries (name text not null)`);
  });
  afterAll(async () => {
    await handle.close();
  });

  const entries = async (): Promise<string[]> =>
    (await queryRows<{ name: string }>(handle.db, sql`select name from entries`))
      .map((r) => r.name)
      .sort();
  const add = (name: string) => sql`insert into entries (name) values (${name})`;
  const txid = sql`select pg_current_xact_id_if_assigned()::text as id, txid_current()::text as now`;

  it("run every statement, the first included, in one transaction", async () => {
    const ids = await handle.db.transaction(async (tx) => {
      const first = await queryRows<{ id: string | null; now: string }>(tx, txid);
      const second = await queryRows<{ id: string | null; now: string }>(tx, txid);
      return [first[0]?.now, second[0]?.id, second[0]?.now];
    });
    // txid_current() gave the transaction its id in the first statement; the second sees it.
    expect(ids[0]).toMatch(/^\d+$/);
    expect(new Set(ids).size).toBe(1);
  });

  it("keep nothing from a transaction that fails, and give the connection back", async () => {
    const before = await entries();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(add("Kept only if committed"));
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow(/Failed query: select 1 \/ 0/);
    expect(await entries()).toEqual(before);
  });

  it("open nothing for a transaction that sends nothing, and answer its result", async () => {
    expect(await handle.db.transaction(async () => "nothing sent")).toBe("nothing sent");
    await expect(
      handle.db.transaction(async () => {
        throw new Error("refused before any statement");
      }),
    ).rejects.toThrow("refused before any statement");
    expect(await queryRows(handle.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it("roll a nested transaction back to its savepoint and keep the rest", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(add("Outer"));
      await expect(
        tx.transaction(async (nested) => {
          await nested.execute(add("Inner"));
          await nested.execute(sql`select 1 / 0`);
        }),
      ).rejects.toThrow(/Failed query: select 1 \/ 0/);
      await tx.transaction(async (nested) => {
        await nested.execute(add("Second inner"));
      });
    });
    expect(await entries()).toEqual(["Outer", "Second inner"]);
  });
});

describe("a page of rows with its LIMIT written into the statement", () => {
  it("is text, not a parameter, and only for whole row counts", () => {
    const query = new PgDialect().sqlToQuery(
      pageOf(new QueryBuilder().select({ id: users.id }).from(users), 25, 50),
    );
    expect(query.sql).toMatch(/ limit 25 offset \$1$/);
    expect(query.params).toEqual([50]);
    const first = new PgDialect().sqlToQuery(
      pageOf(new QueryBuilder().select({ id: users.id }).from(users), 25, 0),
    );
    expect(first.sql).toMatch(/ limit 25$/);
    expect(() => pageOf(new QueryBuilder().select().from(users), 2.5, 0)).toThrow(/row count/);
    expect(() => pageOf(new QueryBuilder().select().from(users), -1, 0)).toThrow(/row count/);
  });
});
