import type { VitalsBody } from "@/lib/api/session-schemas";

/**
 * The bedside write queue: every vitals entry a nurse submits is written here first and removed
 * only once the server has confirmed it (or the nurse discards a refused entry), so a dropped
 * clinic Wi-Fi, a reload or a crashed tab loses nothing.
 *
 * Framework-free over an injected `localStorage`-like storage. Every operation re-reads storage
 * before writing, so a copy another tab changed in the meantime is not written back stale.
 * A corrupted value (or a storage that throws) never throws here: unreadable data reads as an
 * empty queue, and when the storage refuses writes the queue keeps working in memory for this
 * page (`isDurable()` turns false so the UI can say so).
 */

export const BEDSIDE_QUEUE_STORAGE_KEY = "kapstone.bedside-queue.v1";

/** The retry backoff: 1 s, 2 s, 4 s … capped at 30 s, with ±20 % jitter so tabs and devices
 * that lost the same Wi-Fi do not all retry in the same instant. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 30_000;
const RETRY_JITTER_FRACTION = 0.2;

/**
 * How long a "sending" claim holds. A tab that dies mid-request leaves its entry "sending"; after
 * the lease any tab (or this one after a reload) may send it again. Longer than the request
 * timeout in send-vitals.ts so a live request is never duplicated by this tab.
 */
export const SENDING_LEASE_MS = 30_000;

export type QueueStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

export type QueueEntryState = "pending" | "sending" | "rejected";

export type QueueError = { message: string; fields?: { field: string; message: string }[] };

export type QueueEntry = {
  /** Idempotency key sent with every attempt, so a replay never stores the row twice. */
  key: string;
  sessionId: string;
  kind: "vitals";
  body: VitalsBody;
  createdAt: string;
  /** Requests started so far. */
  attempts: number;
  /** Pending: not before this time. Sending: the claim's lease expiry. */
  nextAttemptAt: string;
  state: QueueEntryState;
  /** Rejected: why the server refused it. Pending: why the last attempt did not get through. */
  error?: QueueError;
};

export type PendingQueueOptions = {
  randomUUID?: () => string;
  /** [0, 1), for the retry jitter. */
  random?: () => number;
};

export type PendingQueue = {
  /** Stores the entry first; the caller sends it afterwards. */
  enqueue(sessionId: string, body: VitalsBody, now?: Date): QueueEntry;
  /** Oldest first; every state, so refused entries stay visible until discarded. */
  list(sessionId?: string): QueueEntry[];
  /** Claims a due entry for sending; null when it is gone, refused or already being sent. */
  markSending(key: string, now: Date): QueueEntry | null;
  /** The server stored it: remove it. */
  markAcknowledged(key: string): void;
  /** Not through (offline, 5xx, 401 …): back off and try again. No-op when the key is gone. */
  markRetry(key: string, now: Date, error?: QueueError): QueueEntry | null;
  /** Definitive refusal (400/403/404/409/422): kept, listed, never sent again. */
  markRejected(key: string, error: QueueError): QueueEntry | null;
  discard(key: string): void;
  /** Entries to send now, oldest first: at most one per session (see `due`). */
  due(now: Date): QueueEntry[];
  /** Backed-off entries become due now (the connection is back, the nurse returned to the tab). */
  retryNow(now: Date): void;
  /** The earliest time something will become due, for the caller's timer; null when nothing waits. */
  nextWakeAt(): Date | null;
  /** False once storage refused a write: entries then live only as long as this page. */
  isDurable(): boolean;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOptionalNumber(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "number";
}

function isVitalsBody(value: unknown): value is VitalsBody {
  return (
    isRecord(value) &&
    (value.takenAt === undefined || typeof value.takenAt === "string") &&
    typeof value.systolic === "number" &&
    typeof value.diastolic === "number" &&
    typeof value.heartRate === "number" &&
    isOptionalNumber(value.spo2) &&
    isOptionalNumber(value.respiratoryRate) &&
    isOptionalNumber(value.temperatureC) &&
    isOptionalNumber(value.sedationMoaas)
  );
}

function isQueueError(value: unknown): value is QueueError {
  return (
    isRecord(value) &&
    typeof value.message === "string" &&
    (value.fields === undefined ||
      (Array.isArray(value.fields) &&
        value.fields.every(
          (f) => isRecord(f) && typeof f.field === "string" && typeof f.message === "string",
        )))
  );
}

function isQueueEntry(value: unknown): value is QueueEntry {
  return (
    isRecord(value) &&
    typeof value.key === "string" &&
    typeof value.sessionId === "string" &&
    value.kind === "vitals" &&
    isVitalsBody(value.body) &&
    typeof value.createdAt === "string" &&
    typeof value.attempts === "number" &&
    typeof value.nextAttemptAt === "string" &&
    (value.state === "pending" || value.state === "sending" || value.state === "rejected") &&
    (value.error === undefined || isQueueError(value.error))
  );
}

/** Unreadable JSON reads as empty; a malformed entry is skipped rather than losing the others. */
export function parseQueue(raw: string | null): QueueEntry[] {
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isQueueEntry) : [];
}

/** Delay before the next attempt after `attempts` failed ones: 1 s, 2 s, 4 s … ≤ 30 s, jittered. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const base = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
  const jitter = 1 + RETRY_JITTER_FRACTION * (2 * random() - 1);
  return Math.round(Math.min(RETRY_CAP_MS, base * jitter));
}

function byCreatedAt(a: QueueEntry, b: QueueEntry): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function time(iso: string): number {
  const ms = Date.parse(iso);
  // An unparseable time must not hide an entry forever: treat it as due.
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Due now: pending and past its backoff, or "sending" with an expired lease (the sender died).
 * Only the oldest unsettled entry of each session is eligible: the server derives alerts from
 * earlier rows (bp-rise compares with the pre-dose baseline), so a session's readings must reach
 * it in the order the nurse took them. Refused entries do not hold the others back.
 */
function dueEntries(entries: readonly QueueEntry[], now: Date): QueueEntry[] {
  return sessionHeads(entries).filter((entry) => time(entry.nextAttemptAt) <= now.getTime());
}

/** The oldest pending or sending entry of each session, oldest first. */
function sessionHeads(entries: readonly QueueEntry[]): QueueEntry[] {
  const heads = new Map<string, QueueEntry>();
  for (const entry of [...entries].sort(byCreatedAt)) {
    if (entry.state !== "rejected" && !heads.has(entry.sessionId)) {
      heads.set(entry.sessionId, entry);
    }
  }
  return [...heads.values()];
}

/**
 * A version-4 UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost); a
 * clinic serving Kapstone over plain HTTP on its LAN still has `crypto.getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createPendingQueue(
  storage: QueueStorage,
  options: PendingQueueOptions = {},
): PendingQueue {
  const randomUUID = options.randomUUID ?? newIdempotencyKey;
  const random = options.random ?? Math.random;
  // Used only after storage refused a write (quota, private mode), so this page keeps working.
  let memory: QueueEntry[] | null = null;

  function read(): QueueEntry[] {
    if (memory !== null) return memory.map((e) => ({ ...e }));
    try {
      return parseQueue(storage.getItem(BEDSIDE_QUEUE_STORAGE_KEY));
    } catch {
      return [];
    }
  }

  function write(entries: QueueEntry[]): void {
    if (memory === null) {
      try {
        if (entries.length === 0) storage.removeItem(BEDSIDE_QUEUE_STORAGE_KEY);
        else storage.setItem(BEDSIDE_QUEUE_STORAGE_KEY, JSON.stringify(entries));
        return;
      } catch {
        // Fall through: keep the entries in memory rather than lose what the nurse entered.
      }
    }
    memory = entries.map((e) => ({ ...e }));
  }

  function update(
    key: string,
    change: (entry: QueueEntry) => QueueEntry | null,
  ): QueueEntry | null {
    const entries = read();
    const index = entries.findIndex((e) => e.key === key);
    const current = entries[index];
    if (current === undefined) return null;
    const next = change(current);
    if (next === null) return null;
    entries[index] = next;
    write(entries);
    return next;
  }

  function remove(key: string): void {
    const entries = read();
    const kept = entries.filter((e) => e.key !== key);
    if (kept.length !== entries.length) write(kept);
  }

  return {
    enqueue(sessionId, body, now = new Date()) {
      const entries = read();
      // createdAt is the queue order: keep it strictly increasing, so two entries made in the
      // same millisecond (a double tap) still go out in the order they were made.
      const latest = Math.max(0, ...entries.map((e) => time(e.createdAt)));
      const createdAt = new Date(Math.max(now.getTime(), latest + 1)).toISOString();
      const entry: QueueEntry = {
        key: randomUUID(),
        sessionId,
        kind: "vitals",
        // Stamp the reading time now: a reading replayed after an outage must be stored at the
        // time the nurse took it, since minutes from dose are derived from `takenAt`.
        body: { ...body, takenAt: body.takenAt ?? now.toISOString() },
        createdAt,
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        state: "pending",
      };
      write([...entries, entry]);
      return entry;
    },

    list(sessionId) {
      return read()
        .filter((e) => sessionId === undefined || e.sessionId === sessionId)
        .sort(byCreatedAt);
    },

    markSending(key, now) {
      if (!dueEntries(read(), now).some((e) => e.key === key)) return null;
      return update(key, (entry) => ({
        ...entry,
        state: "sending",
        attempts: entry.attempts + 1,
        nextAttemptAt: new Date(now.getTime() + SENDING_LEASE_MS).toISOString(),
      }));
    },

    markAcknowledged(key) {
      remove(key);
    },

    markRetry(key, now, error) {
      return update(key, (entry) => {
        if (entry.state === "rejected") return null;
        const delay = retryDelayMs(Math.max(1, entry.attempts), random);
        const next: QueueEntry = {
          ...entry,
          state: "pending",
          nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
        };
        if (error) next.error = error;
        else delete next.error;
        return next;
      });
    },

    markRejected(key, error) {
      return update(key, (entry) => ({ ...entry, state: "rejected", error }));
    },

    discard(key) {
      remove(key);
    },

    due(now) {
      return dueEntries(read(), now);
    },

    retryNow(now) {
      const entries = read();
      let changed = false;
      const iso = now.toISOString();
      const next = entries.map((entry) => {
        if (entry.state !== "pending" || time(entry.nextAttemptAt) <= now.getTime()) return entry;
        changed = true;
        return { ...entry, nextAttemptAt: iso };
      });
      if (changed) write(next);
    },

    nextWakeAt() {
      // Only session heads can become due; waking for an entry queued behind its session's head
      // would spin on nothing to send.
      let earliest: number | null = null;
      for (const entry of sessionHeads(read())) {
        const at = time(entry.nextAttemptAt);
        if (earliest === null || at < earliest) earliest = at;
      }
      return earliest === null ? null : new Date(earliest);
    },

    isDurable() {
      return memory === null;
    },
  };
}
