import { describe, expect, it } from "vitest";
import type { VitalsBody, VitalsCreated } from "@/lib/api/session-schemas";
import { createPendingQueue, type QueueEntry, type QueueStorage } from "./pending-queue";
import {
  flushDueVitals,
  isVitalsCreated,
  sendQueuedVitals,
  vitalsPath,
  type FetchLike,
} from "./send-vitals";

const sessionId = "5b0e7a0c-3f1e-4c4e-9a51-2f8d7c1b6a01";
const otherSessionId = "9c2d4e6f-8a0b-4c1d-8e2f-3a4b5c6d7e02";
const t0 = new Date("2025-03-11T14:40:00.000Z");

// 40 min into an esketamine session: BP up from a 128/82 baseline.
const body: VitalsBody = {
  takenAt: "2025-03-11T14:40:00.000Z",
  systolic: 172,
  diastolic: 96,
  heartRate: 88,
  spo2: 97,
  respiratoryRate: 14,
  sedationMoaas: 4,
};

const entry: QueueEntry = {
  key: "3f6c2a7e-1d4b-4e8a-9c0f-5b7d2e1a4c93",
  sessionId,
  kind: "vitals",
  body,
  createdAt: t0.toISOString(),
  attempts: 1,
  nextAttemptAt: t0.toISOString(),
  state: "sending",
};

const created: VitalsCreated = {
  id: "c1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f607",
  minutesFromDose: 40,
  alerts: [
    {
      code: "bp-high",
      level: "warning",
      value: "172/96 mmHg",
      threshold: "systolic ≥ 160 mmHg or diastolic ≥ 100 mmHg",
      message: "Systolic 172 mmHg ≥ 160 mmHg (high blood pressure)",
    },
    {
      code: "bp-rise",
      level: "warning",
      value: "172/96 mmHg",
      threshold: "systolic ≥ 168 mmHg or diastolic ≥ 107 mmHg (baseline 128/82 mmHg + 40/25)",
      message: "Systolic 172 mmHg ≥ baseline 128 + 40 = 168 mmHg (significant blood pressure rise)",
    },
  ],
};

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

type Call = { url: string; init: RequestInit };

function fakeFetch(answer: (call: Call) => Response | Promise<Response>): {
  fetchImpl: FetchLike;
  calls: Call[];
} {
  const calls: Call[] = [];
  return {
    calls,
    fetchImpl: async (url, init) => {
      const call = { url, init };
      calls.push(call);
      return answer(call);
    },
  };
}

describe("sendQueuedVitals request", () => {
  it("posts the body with the idempotency key, JSON and the session cookie", async () => {
    const { fetchImpl, calls } = fakeFetch(() => json(201, created));
    await sendQueuedVitals(entry, fetchImpl);
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.url).toBe(`/api/v1/sessions/${sessionId}/vitals`);
    expect(call?.init.method).toBe("POST");
    expect(call?.init.credentials).toBe("same-origin");
    expect(call?.init.headers).toEqual({
      "Content-Type": "application/json",
      "Idempotency-Key": entry.key,
    });
    expect(JSON.parse(String(call?.init.body))).toEqual(body);
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("escapes the session id in the path", () => {
    expect(vitalsPath("a/b")).toBe("/api/v1/sessions/a%2Fb/vitals");
  });
});

describe("sendQueuedVitals outcomes", () => {
  it.each([201, 200])(
    "HTTP %i with the created row → stored (first answer or replay)",
    async (s) => {
      const { fetchImpl } = fakeFetch(() => json(s, created));
      expect(await sendQueuedVitals(entry, fetchImpl)).toEqual({
        outcome: "stored",
        result: created,
      });
    },
  );

  it("a 2xx that is not Kapstone's answer (captive portal page) → retry, not dropped", async () => {
    const portal = (): Response =>
      new Response("<html>Accept the Wi-Fi terms</html>", {
        status: 200,
        headers: { "Content-Type": "text/html" },
      });
    expect(await sendQueuedVitals(entry, fakeFetch(portal).fetchImpl)).toMatchObject({
      outcome: "retry",
      reason: "unexpected-response",
    });
    const partial = fakeFetch(() => json(201, { id: created.id })).fetchImpl;
    expect(await sendQueuedVitals(entry, partial)).toMatchObject({ outcome: "retry" });
  });

  it("a network failure → retry", async () => {
    const offline: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    expect(await sendQueuedVitals(entry, offline)).toMatchObject({
      outcome: "retry",
      reason: "network",
    });
  });

  it("a timeout → retry", async () => {
    const hung: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    expect(await sendQueuedVitals(entry, hung, 5)).toMatchObject({
      outcome: "retry",
      reason: "network",
    });
  });

  it.each([500, 502, 503, 504, 429, 408])("HTTP %i → retry", async (status) => {
    const { fetchImpl } = fakeFetch(() =>
      json(status, { error: { code: "internal", message: "Something went wrong" } }),
    );
    expect(await sendQueuedVitals(entry, fetchImpl)).toMatchObject({
      outcome: "retry",
      reason: "server",
    });
  });

  it("HTTP 401 → retry after sign-in, telling the nurse to sign in again", async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(401, {
        error: { code: "unauthenticated", message: "Sign in to use the Kapstone API." },
      }),
    );
    const outcome = await sendQueuedVitals(entry, fetchImpl);
    expect(outcome).toMatchObject({ outcome: "retry", reason: "unauthenticated" });
    expect(outcome.outcome === "retry" && outcome.message).toMatch(/sign in again/i);
  });

  it("a redirect (status 0, opaque) → retry", async () => {
    const { fetchImpl } = fakeFetch(() => Response.error());
    expect(await sendQueuedVitals(entry, fetchImpl)).toMatchObject({ outcome: "retry" });
  });

  it("HTTP 422 → rejected with the server's message and fields", async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(422, {
        error: {
          code: "unprocessable",
          message: "These vitals are not plausible.",
          details: [{ field: "diastolic", message: "Diastolic must be below systolic" }],
        },
      }),
    );
    expect(await sendQueuedVitals(entry, fetchImpl)).toEqual({
      outcome: "rejected",
      message: "These vitals are not plausible.",
      fields: [{ field: "diastolic", message: "Diastolic must be below systolic" }],
    });
  });

  it.each([
    [400, "The request body is not valid."],
    [403, "Only the nurse or psychiatrist on this session may record vitals."],
    [404, "Session not found."],
    [409, "This session is closed."],
  ])("HTTP %i → rejected with the server's message", async (status, message) => {
    const { fetchImpl } = fakeFetch(() => json(status, { error: { code: "x", message } }));
    expect(await sendQueuedVitals(entry, fetchImpl)).toEqual({ outcome: "rejected", message });
  });

  it("a refusal without a readable body still says what happened", async () => {
    const { fetchImpl } = fakeFetch(() => new Response("Forbidden", { status: 403 }));
    expect(await sendQueuedVitals(entry, fetchImpl)).toEqual({
      outcome: "rejected",
      message: "You are not allowed to record vitals for this session.",
    });
  });
});

describe("isVitalsCreated", () => {
  it("accepts the API's answer and refuses an unknown alert code", () => {
    expect(isVitalsCreated(created)).toBe(true);
    expect(isVitalsCreated({ ...created, minutesFromDose: null, alerts: [] })).toBe(true);
    expect(
      isVitalsCreated({ ...created, alerts: [{ ...created.alerts[0], code: "bp-weird" }] }),
    ).toBe(false);
  });
});

function memoryStorage(): QueueStorage {
  const raw = new Map<string, string>();
  return {
    getItem: (key) => raw.get(key) ?? null,
    setItem: (key, value) => void raw.set(key, value),
    removeItem: (key) => void raw.delete(key),
  };
}

describe("flushDueVitals", () => {
  function setup(): ReturnType<typeof createPendingQueue> {
    let n = 0;
    return createPendingQueue(memoryStorage(), {
      randomUUID: () => `key-${++n}`,
      random: () => 0.5,
    });
  }

  it("sends due entries one at a time, oldest first, and removes the stored ones", async () => {
    const queue = setup();
    queue.enqueue(sessionId, { ...body, systolic: 128, diastolic: 82 }, t0);
    queue.enqueue(otherSessionId, body, new Date(t0.getTime() + 500));
    queue.enqueue(sessionId, body, new Date(t0.getTime() + 1_000));
    let inFlight = 0;
    let maxInFlight = 0;
    const { fetchImpl, calls } = fakeFetch(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await Promise.resolve();
      inFlight--;
      return json(201, created);
    });
    const later = new Date(t0.getTime() + 2_000);
    const report = await flushDueVitals(queue, { fetchImpl, now: () => later });
    expect(maxInFlight).toBe(1);
    expect(calls.map((c) => c.init.headers)).toEqual([
      { "Content-Type": "application/json", "Idempotency-Key": "key-1" },
      { "Content-Type": "application/json", "Idempotency-Key": "key-2" },
      { "Content-Type": "application/json", "Idempotency-Key": "key-3" },
    ]);
    expect(report.stored.map((s) => s.entry.key)).toEqual(["key-1", "key-2", "key-3"]);
    expect(report.reachedServer).toBe(true);
    expect(queue.list()).toEqual([]);
  });

  it("keeps a refused entry for the nurse and goes on with the next", async () => {
    const queue = setup();
    queue.enqueue(sessionId, { ...body, diastolic: 190 }, t0);
    queue.enqueue(sessionId, body, new Date(t0.getTime() + 1_000));
    const { fetchImpl } = fakeFetch(({ init }) =>
      String(init.body).includes('"diastolic":190')
        ? json(422, { error: { code: "unprocessable", message: "Not plausible." } })
        : json(201, created),
    );
    const later = new Date(t0.getTime() + 2_000);
    const report = await flushDueVitals(queue, { fetchImpl, now: () => later });
    expect(report.rejected.map((e) => e.key)).toEqual(["key-1"]);
    expect(report.stored.map((s) => s.entry.key)).toEqual(["key-2"]);
    expect(queue.list()).toMatchObject([
      { key: "key-1", state: "rejected", error: { message: "Not plausible." } },
    ]);
  });

  it("offline: each entry is tried once, backs off, and nothing is lost", async () => {
    const queue = setup();
    queue.enqueue(sessionId, body, t0);
    queue.enqueue(otherSessionId, body, t0);
    queue.enqueue(sessionId, body, t0);
    const offline: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    const report = await flushDueVitals(queue, { fetchImpl: offline, now: () => t0 });
    // The second entry of the first session waits behind its head.
    expect(report.retried.map((r) => r.entry.key)).toEqual(["key-1", "key-2"]);
    expect(report.reachedServer).toBe(false);
    expect(queue.list().map((e) => [e.key, e.state, e.attempts])).toEqual([
      ["key-1", "pending", 1],
      ["key-2", "pending", 1],
      ["key-3", "pending", 0],
    ]);
    expect(queue.nextWakeAt()).toEqual(new Date(t0.getTime() + 1_000));
  });

  it("does nothing when nothing is due", async () => {
    const queue = setup();
    const { fetchImpl, calls } = fakeFetch(() => json(201, created));
    const report = await flushDueVitals(queue, { fetchImpl, now: () => t0 });
    expect(calls).toEqual([]);
    expect(report).toEqual({ stored: [], rejected: [], retried: [], reachedServer: null });
  });

  it("reports each step so the UI can follow a long backlog", async () => {
    const queue = setup();
    queue.enqueue(sessionId, body, t0);
    const events: string[] = [];
    await flushDueVitals(queue, {
      fetchImpl: fakeFetch(() => json(201, created)).fetchImpl,
      now: () => t0,
      onProgress: (event) => events.push(`${event.type} ${event.entry.key}`),
    });
    expect(events).toEqual(["sending key-1", "stored key-1"]);
  });
});
