import { describe, expect, it, vi } from "vitest";
import type { VitalsBody } from "@/lib/api/session-schemas";
import {
  BEDSIDE_QUEUE_STORAGE_KEY,
  createPendingQueue,
  newIdempotencyKey,
  parseQueue,
  retryDelayMs,
  SENDING_LEASE_MS,
  type QueueStorage,
} from "./pending-queue";

/** localStorage stand-in; `raw` exposes what a reload would find. */
function memoryStorage(initial?: string): QueueStorage & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  if (initial !== undefined) raw.set(BEDSIDE_QUEUE_STORAGE_KEY, initial);
  return {
    raw,
    getItem: (key) => raw.get(key) ?? null,
    setItem: (key, value) => void raw.set(key, value),
    removeItem: (key) => void raw.delete(key),
  };
}

function sequentialKeys(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
}

const sessionA = "5b0e7a0c-3f1e-4c4e-9a51-2f8d7c1b6a01";
const sessionB = "9c2d4e6f-8a0b-4c1d-8e2f-3a4b5c6d7e02";
const t0 = new Date("2025-03-11T14:00:00.000Z");

function after(ms: number): Date {
  return new Date(t0.getTime() + ms);
}

// Pre-dose baseline at the chair, then a set 40 min into an esketamine session.
const baseline: VitalsBody = { systolic: 128, diastolic: 82, heartRate: 76, spo2: 98 };
const at40: VitalsBody = {
  systolic: 146,
  diastolic: 90,
  heartRate: 84,
  spo2: 97,
  respiratoryRate: 14,
  sedationMoaas: 4,
};

function queue(storage: QueueStorage = memoryStorage()): ReturnType<typeof createPendingQueue> {
  return createPendingQueue(storage, { randomUUID: sequentialKeys(), random: () => 0.5 });
}

describe("enqueue and list", () => {
  it("stores the entry at once, pending and due now", () => {
    const storage = memoryStorage();
    const q = queue(storage);
    const entry = q.enqueue(sessionA, baseline, t0);
    expect(entry).toEqual({
      key: "00000000-0000-4000-8000-000000000001",
      sessionId: sessionA,
      kind: "vitals",
      body: { ...baseline, takenAt: "2025-03-11T14:00:00.000Z" },
      createdAt: "2025-03-11T14:00:00.000Z",
      attempts: 0,
      nextAttemptAt: "2025-03-11T14:00:00.000Z",
      state: "pending",
    });
    expect(parseQueue(storage.raw.get(BEDSIDE_QUEUE_STORAGE_KEY) ?? null)).toEqual([entry]);
    expect(q.due(t0)).toEqual([entry]);
  });

  it("stamps the time the nurse entered it, keeping a time she typed", () => {
    const q = queue();
    expect(q.enqueue(sessionA, baseline, t0).body.takenAt).toBe(t0.toISOString());
    const typed = { ...baseline, takenAt: "2025-03-11T13:52:00.000Z" };
    expect(q.enqueue(sessionA, typed, t0).body.takenAt).toBe("2025-03-11T13:52:00.000Z");
  });

  it("keeps entries made in the same millisecond in the order they were made", () => {
    const q = queue();
    // Keys sort opposite to creation order, so only createdAt can keep the order.
    let n = 10;
    const reversed = createPendingQueue(memoryStorage(), { randomUUID: () => `key-${--n}` });
    for (const systolic of [160, 161, 162])
      reversed.enqueue(sessionA, { ...baseline, systolic }, t0);
    expect(reversed.list().map((e) => e.body.systolic)).toEqual([160, 161, 162]);
    expect(reversed.list().map((e) => e.body.takenAt)).toEqual(Array(3).fill(t0.toISOString()));
    expect(reversed.due(after(10)).map((e) => e.body.systolic)).toEqual([160]);
    expect(q.list()).toEqual([]);
  });

  it("survives a reload: a new queue over the same storage lists the entries", () => {
    const storage = memoryStorage();
    const first = queue(storage);
    first.enqueue(sessionA, baseline, t0);
    first.enqueue(sessionA, at40, after(1_000));
    const reloaded = createPendingQueue(storage);
    expect(reloaded.list().map((e) => e.body.systolic)).toEqual([128, 146]);
  });

  it("lists one session's entries oldest first", () => {
    const q = queue();
    q.enqueue(sessionA, baseline, t0);
    q.enqueue(sessionB, baseline, after(1_000));
    q.enqueue(sessionA, at40, after(2_000));
    expect(q.list(sessionA).map((e) => e.body.systolic)).toEqual([128, 146]);
    expect(q.list().map((e) => e.sessionId)).toEqual([sessionA, sessionB, sessionA]);
    expect(q.list("no-such-session")).toEqual([]);
  });

  it("keeps the order entries were made in when the device clock steps back", () => {
    const q = queue();
    q.enqueue(sessionA, baseline, after(60_000));
    const second = q.enqueue(sessionA, at40, t0);
    expect(q.list().map((e) => e.body.systolic)).toEqual([128, 146]);
    // The reading keeps the time the device showed; only the queue order is adjusted.
    expect(second.body.takenAt).toBe(t0.toISOString());
  });
});

describe("tolerates damaged storage", () => {
  it.each([
    ["corrupted JSON", "{not json"],
    ["a non-array", '{"key":"x"}'],
    ["null", "null"],
    ["an empty string", ""],
  ])("reads %s as an empty queue and keeps working", (_name, raw) => {
    const storage = memoryStorage(raw);
    const q = queue(storage);
    expect(q.list()).toEqual([]);
    expect(q.due(t0)).toEqual([]);
    q.enqueue(sessionA, baseline, t0);
    expect(createPendingQueue(storage).list()).toHaveLength(1);
  });

  it("skips a malformed entry without losing the others", () => {
    const storage = memoryStorage();
    queue(storage).enqueue(sessionA, baseline, t0);
    const good: unknown = JSON.parse(storage.raw.get(BEDSIDE_QUEUE_STORAGE_KEY) ?? "[]");
    const damaged = [
      ...(Array.isArray(good) ? good : []),
      { key: "k", sessionId: sessionA, kind: "vitals", body: { systolic: "high" } },
      42,
    ];
    storage.raw.set(BEDSIDE_QUEUE_STORAGE_KEY, JSON.stringify(damaged));
    expect(
      createPendingQueue(storage)
        .list()
        .map((e) => e.body.systolic),
    ).toEqual([128]);
  });

  it("never throws when storage is blocked, and keeps entries for this page", () => {
    const blocked: QueueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    const q = queue(blocked);
    expect(q.list()).toEqual([]);
    expect(q.isDurable()).toBe(true);
    const entry = q.enqueue(sessionA, baseline, t0);
    expect(q.isDurable()).toBe(false);
    expect(q.list()).toEqual([entry]);
    expect(q.markSending(entry.key, t0)?.state).toBe("sending");
    q.markAcknowledged(entry.key);
    expect(q.list()).toEqual([]);
  });
});

describe("sending, acknowledging and refusals", () => {
  it("claims an entry once; a second loop (or tab) cannot claim it while it is being sent", () => {
    const storage = memoryStorage();
    const q = queue(storage);
    const entry = q.enqueue(sessionA, baseline, t0);
    const claimed = q.markSending(entry.key, t0);
    expect(claimed).toMatchObject({ state: "sending", attempts: 1 });
    expect(claimed?.nextAttemptAt).toBe(after(SENDING_LEASE_MS).toISOString());
    expect(q.markSending(entry.key, t0)).toBeNull();
    expect(createPendingQueue(storage).markSending(entry.key, after(1_000))).toBeNull();
    expect(q.due(after(SENDING_LEASE_MS - 1))).toEqual([]);
  });

  it("offers a 'sending' entry again once its lease expires (the sending tab died)", () => {
    const q = queue();
    const entry = q.enqueue(sessionA, baseline, t0);
    q.markSending(entry.key, t0);
    expect(q.due(after(SENDING_LEASE_MS)).map((e) => e.key)).toEqual([entry.key]);
    expect(q.markSending(entry.key, after(SENDING_LEASE_MS))?.attempts).toBe(2);
  });

  it("removes an acknowledged entry and clears storage when the queue is empty", () => {
    const storage = memoryStorage();
    const q = queue(storage);
    const entry = q.enqueue(sessionA, baseline, t0);
    q.markSending(entry.key, t0);
    q.markAcknowledged(entry.key);
    expect(q.list()).toEqual([]);
    expect(storage.raw.has(BEDSIDE_QUEUE_STORAGE_KEY)).toBe(false);
  });

  it("keeps a refused entry listed with the server's reasons, never sends it again", () => {
    const q = queue();
    const entry = q.enqueue(sessionA, { ...baseline, diastolic: 130 }, t0);
    q.markSending(entry.key, t0);
    const error = {
      message: "The vitals are not plausible.",
      fields: [{ field: "diastolic", message: "Diastolic must be below systolic" }],
    };
    expect(q.markRejected(entry.key, error)).toMatchObject({ state: "rejected", error });
    expect(q.list(sessionA)).toHaveLength(1);
    expect(q.due(after(3_600_000))).toEqual([]);
    expect(q.markSending(entry.key, after(3_600_000))).toBeNull();
    expect(q.markRetry(entry.key, t0)).toBeNull();
    expect(q.nextWakeAt()).toBeNull();
    q.discard(entry.key);
    expect(q.list()).toEqual([]);
  });

  it("does not bring back an entry the nurse discarded while it was being sent", () => {
    const q = queue();
    const entry = q.enqueue(sessionA, baseline, t0);
    q.markSending(entry.key, t0);
    q.discard(entry.key);
    expect(q.markRetry(entry.key, after(1_000))).toBeNull();
    expect(q.markRejected(entry.key, { message: "x" })).toBeNull();
    expect(q.list()).toEqual([]);
  });
});

describe("retry backoff", () => {
  it("doubles from 1 s to a 30 s cap without jitter at the midpoint", () => {
    const mid = (): number => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelayMs(n, mid))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("jitters by ±20 % and never exceeds 30 s", () => {
    expect(retryDelayMs(1, () => 0)).toBe(800);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(1_200);
    expect(retryDelayMs(4, () => 0)).toBe(6_400);
    expect(retryDelayMs(6, () => 0)).toBe(24_000);
    expect(retryDelayMs(6, () => 0.999_999)).toBe(30_000);
  });

  it("backs an entry off after each failed attempt and records why", () => {
    const q = queue();
    const entry = q.enqueue(sessionA, baseline, t0);
    let now = t0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      expect(q.markSending(entry.key, now)).not.toBeNull();
      const retried = q.markRetry(entry.key, now, { message: "No connection" });
      expect(retried).toMatchObject({ state: "pending", attempts: attempt });
      expect(retried?.error).toEqual({ message: "No connection" });
      const next = new Date(retried?.nextAttemptAt ?? "");
      waits.push(next.getTime() - now.getTime());
      expect(q.due(new Date(next.getTime() - 1))).toEqual([]);
      expect(q.due(next)).toHaveLength(1);
      now = next;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it("retryNow makes backed-off entries due at once (connection back)", () => {
    const q = queue();
    const entry = q.enqueue(sessionA, baseline, t0);
    q.markSending(entry.key, t0);
    q.markRetry(entry.key, t0);
    expect(q.due(after(500))).toEqual([]);
    q.retryNow(after(500));
    expect(q.due(after(500)).map((e) => e.key)).toEqual([entry.key]);
  });
});

describe("due order", () => {
  it("offers each session's entries in the order they were taken, one at a time", () => {
    const q = queue();
    const first = q.enqueue(sessionA, baseline, t0);
    const second = q.enqueue(sessionA, at40, after(1_000));
    expect(q.due(after(2_000)).map((e) => e.key)).toEqual([first.key]);
    q.markSending(first.key, after(2_000));
    q.markRetry(first.key, after(2_000));
    // The baseline must reach the server first: the 40-min set waits behind it.
    expect(q.due(after(2_500))).toEqual([]);
    expect(q.markSending(second.key, after(2_500))).toBeNull();
    expect(q.nextWakeAt()).toEqual(after(3_000));
    q.markSending(first.key, after(3_000));
    q.markAcknowledged(first.key);
    expect(q.due(after(3_000)).map((e) => e.key)).toEqual([second.key]);
  });

  it("does not hold a session back behind a refused entry", () => {
    const q = queue();
    const refused = q.enqueue(sessionA, baseline, t0);
    const next = q.enqueue(sessionA, at40, after(1_000));
    q.markSending(refused.key, t0);
    q.markRejected(refused.key, { message: "Session closed" });
    expect(q.due(after(1_000)).map((e) => e.key)).toEqual([next.key]);
  });

  it("lets another session's entries go while one session backs off", () => {
    const q = queue();
    const a = q.enqueue(sessionA, baseline, t0);
    const b = q.enqueue(sessionB, baseline, after(500));
    q.markSending(a.key, t0);
    q.markRetry(a.key, t0);
    expect(q.due(after(600)).map((e) => e.key)).toEqual([b.key]);
    expect(q.nextWakeAt()).toEqual(after(500));
  });

  it("has nothing to wake for when the queue is empty", () => {
    expect(queue().nextWakeAt()).toBeNull();
  });
});

describe("newIdempotencyKey", () => {
  it("is a version-4 UUID, different each time", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it("still works where crypto.randomUUID is missing (plain HTTP on the clinic LAN)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: real.getRandomValues.bind(real) });
    try {
      expect(newIdempotencyKey()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
