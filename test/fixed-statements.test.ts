/**
 * Fixed statements (db/statements.ts): written once, bound per run, on a database or inside a
 * transaction, with values encoded and rows decoded as the ORM does it — on every engine.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditRowValues, auditValues, boundAuditRow } from "@/lib/audit";
import { auditEvents, users } from "@/db/schema";
import {
  decodeRow,
  decodeValue,
  fixedStatement,
  insertWhen,
  placeholder,
  selectedAs,
} from "@/db/statements";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { ENGINES, freshDatabase } from "./databases";

const byEmail = fixedStatement(
  () => sql`select ${selectedAs(users)}, now() as "readAt"
    from ${users} where ${users.email} = ${placeholder("email")}`,
);

const auditIfUser = fixedStatement(
  () => sql`with found as (select ${users.id} from ${users} where ${users.email} = ${placeholder("email")}),
    inserted as (${insertWhen(
      auditEvents,
      [
        {
          action: "test.fixed",
          entityType: "test",
          outcome: "success",
          at: sql.placeholder("at"),
          detail: sql.placeholder("detail"),
        },
      ],
      sql`found`,
    )} returning ${auditEvents.id}, ${auditEvents.at}, ${auditEvents.detail})
    select * from inserted`,
);

const insertAuditRow = fixedStatement(
  () => sql`with audited as (${insertWhen(auditEvents, [boundAuditRow()], sql`(select 1) as once`)}
    returning ${auditEvents.id}) select * from audited`,
);

describe.each([...ENGINES, "pglite-thread" as const])("fixed statements on %s", (engine) => {
  let handle: DbHandle;
  let email: string;
  let staffId: string;

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, {
      now: new Date("2026-03-11T15:30:00Z"),
      timeZone: "America/New_York",
    });
    const [someone] = await handle.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .limit(1);
    email = someone!.email;
    staffId = someone!.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("answer with rows the ORM would decode the same, in and out of a transaction", async () => {
    const { db } = handle;
    const [expected] = await db.select().from(users).where(eq(users.email, email));
    const [outside] = await byEmail(db, { email });
    const inside = await db.transaction(async (tx) => (await byEmail(tx, { email }))[0]);
    for (const row of [outside, inside]) {
      expect(decodeRow(users, row!)).toEqual(expected);
      // Handed over as the database's text, and decoded as a timestamp column decodes it.
      expect(typeof row!.readAt).toBe("string");
      const readAt = decodeValue(auditEvents.at, row!.readAt);
      expect(Math.abs(readAt!.getTime() - Date.now())).toBeLessThan(60_000);
    }
    expect(await byEmail(db, { email: "nobody@example.org" })).toEqual([]);
  });

  it("bind placeholders through their columns' encoders: a Date, a JSON object", async () => {
    const { db } = handle;
    const at = new Date("2026-03-11T15:31:02.345Z");
    const detail = { codes: ["bp-high"], note: 'it\'s "quoted"' };
    const [row] = await db.transaction((tx) => auditIfUser(tx, { email, at, detail }));
    expect(decodeValue(auditEvents.at, row!.at)).toEqual(at);
    const [stored] = await db
      .select({ at: auditEvents.at, detail: auditEvents.detail })
      .from(auditEvents)
      .where(eq(auditEvents.id, Number(row!.id)));
    expect(stored).toEqual({ at, detail });
    // A placeholder bound to null is SQL's null, not what the column's encoder makes of null.
    const [none] = await auditIfUser(db, { email, at, detail: null });
    const [noDetail] = await db
      .select({ missing: sql<boolean>`${auditEvents.detail} is null` })
      .from(auditEvents)
      .where(eq(auditEvents.id, Number(none!.id)));
    expect(noDetail?.missing).toBe(true);
    // No user, no row: the insert depends on the statement's own CTE.
    expect(await auditIfUser(db, { email: "nobody@example.org", at, detail })).toEqual([]);
  });

  it("write an audit row bound from auditValues, with or without a detail", async () => {
    const { db } = handle;
    const actor = { id: staffId, role: "nurse" as const, email };
    for (const detail of [{ alerts: ["bp-high"] }, undefined]) {
      const row = auditValues({
        actor,
        action: "test.bound-row",
        entityType: "test",
        entityId: detail ? "with" : "without",
        outcome: "success",
        requestAddress: "10.0.4.21",
        detail,
      });
      const [inserted] = await insertAuditRow(db, auditRowValues(row));
      const [stored] = await db
        .select({ row: auditEvents, noDetail: sql<boolean>`${auditEvents.detail} is null` })
        .from(auditEvents)
        .where(eq(auditEvents.id, Number(inserted!.id)));
      expect(stored?.row).toMatchObject({ ...row, detail: detail ?? null });
      // No detail is SQL's null, not JSON's.
      expect(stored?.noDetail).toBe(detail === undefined);
    }
  });
});
