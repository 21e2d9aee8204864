/**
 * Sign-in attacks against a real database: the per-address throttle on top of the per-account
 * lockout, sign-in sessions that end on sign-out, and the client address read from the right.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, users, userSessions } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { clientAddress } from "@/lib/auth/options";
import {
  authenticate,
  MAX_FAILED_SIGN_INS,
  MAX_FAILURES_PER_ADDRESS,
  recentFailuresFrom,
} from "@/lib/auth/sign-in";
import {
  endUserSession,
  startUserSession,
  touchUserSession,
  TOUCH_EVERY_MS,
} from "@/lib/auth/user-sessions";
import { ENGINES, freshDatabase } from "./databases";

const PASSWORD = "Kapstone-demo-1";

describe("the client address", () => {
  it("is read from the right of X-Forwarded-For, never from what the client chose to send", () => {
    expect(clientAddress({ "x-forwarded-for": "10.9.9.9, 198.51.100.4" }, 0)).toBe("198.51.100.4");
    expect(clientAddress({ "x-forwarded-for": "10.9.9.9, 198.51.100.4, 10.0.0.2" }, 1)).toBe(
      "198.51.100.4",
    );
    expect(clientAddress({ "x-forwarded-for": "198.51.100.4" }, 3)).toBe("198.51.100.4");
    expect(clientAddress({ "x-real-ip": "192.0.2.1" }, 0)).toBe("192.0.2.1");
    expect(clientAddress({}, 0)).toBeNull();
  });
});

describe.each(ENGINES)("sign-in attacks on %s", (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, { now: new Date(), timeZone: "America/New_York" });
  });
  afterAll(async () => handle.close());

  it("throttles an address that keeps failing across many accounts, and only that address", async () => {
    const attacker = "198.51.100.66";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i += 1) {
      // A different account each time: no single account reaches its own lockout.
      const email = `guess-${i}@demo.kapstone.test`;
      expect(await authenticate(handle.db, { email, password: "wrong" }, attacker)).toBeNull();
    }
    expect(await recentFailuresFrom(handle.db, attacker)).toBe(MAX_FAILURES_PER_ADDRESS);
    // Now even the right password from that address is refused, with the same answer.
    expect(
      await authenticate(
        handle.db,
        { email: "nurse@demo.kapstone.test", password: PASSWORD },
        attacker,
      ),
    ).toBeNull();
    const [throttled] = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.requestAddress, attacker), eq(auditEvents.outcome, "failure")));
    expect(throttled?.n).toBe(MAX_FAILURES_PER_ADDRESS + 1);
    // The nurse's account is not locked: from her own address she signs in.
    expect(
      await authenticate(
        handle.db,
        { email: "nurse@demo.kapstone.test", password: PASSWORD },
        "192.0.2.10",
      ),
    ).toMatchObject({ role: "nurse" });
  });

  it("lets an address stay below the throttle when it fails less than the limit", async () => {
    const clinicDesk = "192.0.2.20";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i += 1) {
      await authenticate(handle.db, { email: `typo-${i}@x.test`, password: "x" }, clinicDesk);
    }
    expect(
      await authenticate(
        handle.db,
        { email: "admin@demo.kapstone.test", password: PASSWORD },
        clinicDesk,
      ),
    ).toMatchObject({ role: "admin" });
  });

  it("locks the account after five failures whatever address they come from", async () => {
    const email = "psychiatrist@demo.kapstone.test";
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) {
      await authenticate(handle.db, { email, password: `wrong-${i}` }, `203.0.113.${i + 1}`);
    }
    expect(await authenticate(handle.db, { email, password: PASSWORD }, "203.0.113.99")).toBeNull();
    const [row] = await handle.db.select().from(users).where(eq(users.email, email));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it("counts failures sent at the same moment (as from several app servers) one by one", async () => {
    // Each server reads the counter, checks the password, then writes: read-then-write would
    // let simultaneous failures overwrite each other and never reach the lockout.
    const email = "admin@demo.kapstone.test";
    const attempts = Array.from({ length: MAX_FAILED_SIGN_INS }, (_, i) =>
      authenticate(handle.db, { email, password: `wrong-${i}` }, `203.0.113.${50 + i}`),
    );
    expect(await Promise.all(attempts)).toEqual(attempts.map(() => null));
    const [row] = await handle.db.select().from(users).where(eq(users.email, email));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await authenticate(handle.db, { email, password: PASSWORD }, "203.0.113.99")).toBeNull();
  });

  it("keeps one row per sign-in: activity moves it, sign-out ends it once, with an audit row", async () => {
    const [nurse] = await handle.db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, "nurse@demo.kapstone.test"));
    if (!nurse) throw new Error("no nurse");
    const start = new Date();
    const id = await startUserSession(handle.db, nurse.id, "192.0.2.10", start);
    const read = async () =>
      (await handle.db.select().from(userSessions).where(eq(userSessions.id, id)))[0];

    await touchUserSession(handle.db, id, new Date(start.getTime() + TOUCH_EVERY_MS - 1));
    expect((await read())?.lastSeenAt.getTime()).toBe(start.getTime());
    const later = new Date(start.getTime() + TOUCH_EVERY_MS + 1);
    await touchUserSession(handle.db, id, later);
    expect((await read())?.lastSeenAt.getTime()).toBe(later.getTime());

    await endUserSession(handle.db, id, nurse, "sign-out");
    await endUserSession(handle.db, id, nurse, "sign-out");
    expect(await read()).toMatchObject({ endReason: "sign-out" });
    const signOuts = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign-out"), eq(auditEvents.actorId, nurse.id)));
    expect(signOuts).toHaveLength(1);
    // An ended session is not revived by activity.
    await touchUserSession(handle.db, id, new Date(later.getTime() + 60_000));
    expect((await read())?.lastSeenAt.getTime()).toBe(later.getTime());
  });
});
