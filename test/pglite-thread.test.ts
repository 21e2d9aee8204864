/**
 * Embedded PGlite on its own thread (db/pglite-thread.ts): the same answers as in the server's
 * thread, errors that keep their SQLSTATE, transactions that stay whole while other statements
 * arrive, and data that is on disk when it says so.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type DbHandle } from "@/db/client";
import { PgliteThread } from "@/db/pglite-thread";
import { queryRows } from "@/db/statements";
import { auditEvents, rooms, users } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { freshDatabase } from "./databases";

/** The SQLSTATE of a database error, through Drizzle's "Failed query" wrapper. */
function sqlState(error: unknown): { code?: unknown; constraint?: unknown } {
  let current = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined;
  while (current && current.code === undefined && current.cause) {
    current = current.cause as typeof current;
  }
  return { code: current?.code, constraint: current?.constraint };
}

describe("embedded PGlite on its own thread", () => {
  let thread: DbHandle;
  let inline: DbHandle;

  beforeAll(async () => {
    [thread, inline] = await Promise.all([freshDatabase("pglite-thread"), freshDatabase("pglite")]);
    const clinic = { now: new Date("2026-03-11T15:30:00Z"), timeZone: "America/New_York" };
    await Promise.all([seedDemoClinic(thread.db, clinic), seedDemoClinic(inline.db, clinic)]);
  });
  afterAll(async () => {
    await Promise.all([thread?.close(), inline?.close()]);
  });

  it("answers as PGlite in the server's thread does: dates, enums, JSON, counts", async () => {
    const read = (h: DbHandle) =>
      Promise.all([
        h.db
          .select({ email: users.email, role: users.role, createdAt: users.createdAt })
          .from(users)
          .orderBy(asc(users.email)),
        h.db.select({ action: auditEvents.action, detail: auditEvents.detail }).from(auditEvents),
        h.db.$count(rooms),
      ]);
    const [onThread, inThread] = await Promise.all([read(thread), read(inline)]);
    expect(onThread[0].length).toBeGreaterThan(3);
    expect(onThread[0][0]!.createdAt).toBeInstanceOf(Date);
    expect(onThread[0].map(({ email, role }) => ({ email, role }))).toEqual(
      inThread[0].map(({ email, role }) => ({ email, role })),
    );
    expect(onThread[2]).toBe(inThread[2]);
  });

  it("prepares statements with parameters once and answers them as unprepared ones are answered", async () => {
    const read = (h: DbHandle, email: string) =>
      h.db
        .select({ id: users.id, email: users.email, role: users.role, createdAt: users.createdAt })
        .from(users)
        .innerJoin(auditEvents, eq(auditEvents.actorId, users.id))
        .where(eq(users.email, email))
        .limit(1);
    const [someone] = await inline.db.select({ email: users.email }).from(users).limit(1);
    const first = await read(thread, someone!.email);
    const again = await read(thread, someone!.email);
    const inThread = await read(inline, someone!.email);
    expect(again).toEqual(first);
    expect(first.map(({ id: _, ...rest }) => rest)).toEqual(
      inThread.map(({ id: _, ...rest }) => rest),
    );
    const named = await queryRows<{ name: string; statement: string }>(
      thread.db,
      sql`select name, statement from pg_prepared_statements where statement like ${'%from "users" inner join%'}`,
    );
    expect(named.length).toBe(1);
    expect(named[0]!.name).toMatch(/^kapstone_\d+$/);
    // Statements without parameters (DDL, migrations) are never prepared.
    const all = await queryRows<{ n: number }>(
      thread.db,
      sql`select count(*)::int as n from pg_prepared_statements where statement not like '%$1%'`,
    );
    expect(all[0]!.n).toBe(0);
  });

  it("keeps a unique violation's SQLSTATE and constraint, and stores nothing of the failed transaction", async () => {
    const [someone] = await thread.db.select().from(users).limit(1);
    const before = await thread.db.$count(auditEvents);
    const attempt = thread.db.transaction(async (tx) => {
      await tx
        .insert(auditEvents)
        .values({ action: "test.write", entityType: "test", outcome: "success" });
      await tx.insert(users).values({ ...someone!, id: undefined });
    });
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlState(error)).toEqual({ code: "23505", constraint: "users_email_key" });
    expect(await thread.db.$count(auditEvents)).toBe(before);
  });

  it("rolls back to a savepoint inside a transaction and commits the rest", async () => {
    const before = await thread.db.$count(auditEvents);
    await thread.db.transaction(async (tx) => {
      await tx
        .insert(auditEvents)
        .values({ action: "test.kept", entityType: "test", outcome: "success" });
      await tx
        .transaction(async (inner) => {
          await inner.insert(auditEvents).values({
            action: "test.dropped",
            entityType: "test",
            outcome: "success",
          });
          throw new Error("changed my mind");
        })
        .catch(() => {});
    });
    const actions = await thread.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'test.%'`);
    expect(actions.map((a) => a.action)).toContain("test.kept");
    expect(actions.map((a) => a.action)).not.toContain("test.dropped");
    expect(await thread.db.$count(auditEvents)).toBe(before + 1);
  });

  it("opens nothing for a transaction that sends nothing, and recovers from one whose first statement fails", async () => {
    expect(await thread.db.transaction(async () => "nothing sent")).toBe("nothing sent");
    const before = await thread.db.$count(auditEvents);
    const failed = await thread.db
      .transaction(async (tx) => {
        await tx.execute(sql`select * from no_such_table`);
        await tx
          .insert(auditEvents)
          .values({ action: "test.never", entityType: "test", outcome: "success" });
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(sqlState(failed).code).toBe("42P01");
    await thread.db.transaction(async (tx) => {
      await tx
        .insert(auditEvents)
        .values({ action: "test.after", entityType: "test", outcome: "success" });
    });
    expect(await thread.db.$count(auditEvents)).toBe(before + 1);
  });

  it("keeps concurrent transactions whole: forty read-then-write increments lose none", async () => {
    const [room] = await thread.db.select({ id: rooms.id, name: rooms.name }).from(rooms).limit(1);
    await thread.db.update(rooms).set({ name: "0" }).where(eq(rooms.id, room!.id));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? thread.db.transaction(async (tx) => {
              const [row] = await tx
                .select({ name: rooms.name })
                .from(rooms)
                .where(eq(rooms.id, room!.id));
              await tx
                .update(rooms)
                .set({ name: String(Number(row!.name) + 1) })
                .where(eq(rooms.id, room!.id));
            })
          : // Statements outside a transaction wait for the open one instead of slipping into it.
            thread.db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, room!.id)),
      ),
    );
    const [after] = await thread.db
      .select({ name: rooms.name })
      .from(rooms)
      .where(eq(rooms.id, room!.id));
    expect(after!.name).toBe("20");
    await thread.db.update(rooms).set({ name: room!.name }).where(eq(rooms.id, room!.id));
  });
});

describe("embedded PGlite on its own thread, in a directory", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kapstone-thread-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has written what it committed when closed, and refuses statements after closing", async () => {
    const dataDir = path.join(dir, "pglite");
    const first = await openDatabase({ engine: "pglite", dataDir, thread: true });
    await migrateDatabase(first);
    await first.db
      .insert(auditEvents)
      .values({ action: "test.durable", entityType: "test", outcome: "success" });
    await first.close();
    const late = await first.db
      .select()
      .from(auditEvents)
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(String(late?.cause)).toMatch(/embedded database has been closed/);

    const again = await openDatabase({ engine: "pglite", dataDir });
    const rows = await again.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.action, "test.durable"));
    await again.close();
    expect(rows).toHaveLength(1);
  });

  it("says so when the database cannot be opened", async () => {
    await expect(PgliteThread.open(path.join(dir, "no", "\0bad"))).rejects.toThrow();
  });
});
