"use client";

import { useCallback, useEffect, useEffectEvent, useMemo, useSyncExternalStore } from "react";
import { useRefreshSession } from "@/components/sessions/live-session";
import type { VitalsBody, VitalsCreated } from "@/lib/api/session-schemas";
import {
  BEDSIDE_QUEUE_STORAGE_KEY,
  createPendingQueue,
  type PendingQueue,
  type QueueEntry,
  type QueueStorage,
} from "@/lib/bedside/pending-queue";
import { flushDueVitals, type FlushEvent } from "@/lib/bedside/send-vitals";

/**
 * The bedside write queue wired to the browser: one outbox per tab, shared by every mounted
 * `useBedsideQueue`, with a single flush loop. It sends the queued entries of every session, not
 * only the one on screen, so readings taken before the nurse moved to another chair still go out.
 */

type Snapshot = {
  entries: readonly QueueEntry[];
  online: boolean;
  durable: boolean;
};

/** Settled entry of a session; `result` is null when another tab sent it. */
type SettledListener = (sessionId: string, result: VitalsCreated | null) => void;

const SERVER_SNAPSHOT: Snapshot = Object.freeze({ entries: [], online: true, durable: true });

/** Never sleep longer than this: another tab's "sending" lease may lapse without an event here. */
const MAX_SLEEP_MS = 60_000;
/** A floor on the timer so that an unforeseen state can never spin the loop. */
const MIN_SLEEP_MS = 250;
/** Upper bound of the random pause before tabs flush on reconnection. */
const ONLINE_JITTER_MS = 1_000;

function memoryStorage(): QueueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** Reading `window.localStorage` itself throws when the browser blocks site data. */
function browserStorage(): QueueStorage {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

type Outbox = {
  subscribe(listener: () => void): () => void;
  snapshot(): Snapshot;
  onSettled(listener: SettledListener): () => void;
  submit(sessionId: string, body: VitalsBody): void;
  discard(key: string): void;
};

function createOutbox(): Outbox {
  const queue: PendingQueue = createPendingQueue(browserStorage());
  const listeners = new Set<() => void>();
  const settledListeners = new Set<SettledListener>();
  let browserOnline = navigator.onLine;
  /** Whether the last request reached Kapstone; null until one is sent after (re)connecting. */
  let reachable: boolean | null = null;
  let snapshot = build();
  let flushing = false;
  let flushAgain = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let onlineTimer: ReturnType<typeof setTimeout> | null = null;

  function build(): Snapshot {
    return {
      entries: queue.list(),
      // navigator.onLine is true on a Wi-Fi with no route out; a failed request says more.
      online: browserOnline && reachable !== false,
      durable: queue.isDurable(),
    };
  }

  function refresh(): void {
    snapshot = build();
    for (const listener of listeners) listener();
  }

  function notifySettled(sessionId: string, result: VitalsCreated | null): void {
    for (const listener of settledListeners) listener(sessionId, result);
  }

  function onProgress(event: FlushEvent): void {
    switch (event.type) {
      case "sending":
        break;
      case "stored":
        reachable = true;
        notifySettled(event.entry.sessionId, event.result);
        break;
      case "rejected":
        reachable = true;
        break;
      case "retry":
        reachable = event.reason !== "network" && event.reason !== "unexpected-response";
        break;
      default: {
        const unreachable: never = event;
        throw new Error(`Unknown flush event ${String(unreachable)}`);
      }
    }
    refresh();
  }

  /** One loop per tab: a call while a flush runs asks it for another pass instead. */
  async function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        await flushDueVitals(queue, { onProgress });
      } while (flushAgain);
    } catch (error) {
      // The entries are still in storage; the timer below tries again.
      console.error("[bedside-queue] flush failed", error);
    } finally {
      flushing = false;
      refresh();
      schedule();
    }
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (listeners.size === 0) return;
    const wakeAt = queue.nextWakeAt();
    if (wakeAt === null) return;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, wakeAt.getTime() - Date.now()));
    timer = setTimeout(() => void flush(), delay);
  }

  /** The nurse is back or the connection is: don't wait out a 30-s backoff. */
  function retryNow(): void {
    queue.retryNow(new Date());
    void flush();
  }

  function handleOnline(): void {
    browserOnline = true;
    reachable = null;
    refresh();
    // Every open tab hears this event at once; a random pause lets one tab's "sending" claim
    // reach the others first, so they rarely send the same entry (the key dedupes if they do).
    if (onlineTimer !== null) clearTimeout(onlineTimer);
    onlineTimer = setTimeout(() => {
      onlineTimer = null;
      retryNow();
    }, Math.random() * ONLINE_JITTER_MS);
  }

  function handleOffline(): void {
    browserOnline = false;
    refresh();
  }

  function handleVisibility(): void {
    if (document.visibilityState === "visible") retryNow();
  }

  function handleStorage(event: StorageEvent): void {
    // key null: the other tab cleared all storage.
    if (event.key !== BEDSIDE_QUEUE_STORAGE_KEY && event.key !== null) return;
    const before = snapshot.entries;
    refresh();
    const remaining = new Set(snapshot.entries.map((e) => e.key));
    const settledSessions = new Set(
      before.filter((e) => !remaining.has(e.key)).map((e) => e.sessionId),
    );
    // Another tab stored (or discarded) these: this tab's copy of the session is stale.
    for (const sessionId of settledSessions) notifySettled(sessionId, null);
    schedule();
  }

  function start(): void {
    window.addEventListener("online", handleOnline);
    window.addEventListener("offline", handleOffline);
    window.addEventListener("storage", handleStorage);
    document.addEventListener("visibilitychange", handleVisibility);
    browserOnline = navigator.onLine;
    refresh();
    // Entries left from before a reload go out now rather than after their backoff.
    retryNow();
  }

  function stop(): void {
    window.removeEventListener("online", handleOnline);
    window.removeEventListener("offline", handleOffline);
    window.removeEventListener("storage", handleStorage);
    document.removeEventListener("visibilitychange", handleVisibility);
    if (timer !== null) clearTimeout(timer);
    if (onlineTimer !== null) clearTimeout(onlineTimer);
    timer = null;
    onlineTimer = null;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    snapshot: () => snapshot,
    onSettled(listener) {
      settledListeners.add(listener);
      return () => {
        settledListeners.delete(listener);
      };
    },
    submit(sessionId, body) {
      // Written to storage before any request, so a crash after the click loses nothing.
      queue.enqueue(sessionId, body);
      refresh();
      void flush();
    },
    discard(key) {
      queue.discard(key);
      refresh();
      // A discarded head may have held the session's next entries back.
      void flush();
    },
  };
}

let outbox: Outbox | null = null;

/** Created on first subscription or action, never during render (no `window` on the server). */
function getOutbox(): Outbox {
  outbox ??= createOutbox();
  return outbox;
}

function subscribe(listener: () => void): () => void {
  return getOutbox().subscribe(listener);
}

function getSnapshot(): Snapshot {
  return outbox?.snapshot() ?? SERVER_SNAPSHOT;
}

function getServerSnapshot(): Snapshot {
  return SERVER_SNAPSHOT;
}

export type BedsideQueue = {
  /** This session's unsent entries, oldest first: pending, sending, and refused ones to discard. */
  pending: QueueEntry[];
  submitVitals(body: VitalsBody): void;
  discard(key: string): void;
  /** False when the browser is offline or the last request did not reach Kapstone. */
  online: boolean;
  /** False when this browser will not keep entries across a reload (storage blocked or full). */
  durable: boolean;
};

/**
 * Vitals entry that survives a dropped Wi-Fi: `submitVitals` stores the entry on this device
 * first, then sends it; refused entries stay in `pending` with the server's reasons until
 * discarded. The session is re-read after each entry the server stores.
 */
export function useBedsideQueue(
  sessionId: string,
  onStored?: (result: VitalsCreated) => void,
): BedsideQueue {
  const refreshSession = useRefreshSession();
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);

  const handleSettled = useEffectEvent((settledId: string, result: VitalsCreated | null) => {
    if (settledId !== sessionId) return;
    refreshSession();
    if (result !== null) onStored?.(result);
  });

  useEffect(
    () => getOutbox().onSettled((settledId, result) => handleSettled(settledId, result)),
    [],
  );

  const pending = useMemo(
    () => snapshot.entries.filter((entry) => entry.sessionId === sessionId),
    [snapshot.entries, sessionId],
  );

  const submitVitals = useCallback(
    (body: VitalsBody): void => getOutbox().submit(sessionId, body),
    [sessionId],
  );
  const discard = useCallback((key: string): void => getOutbox().discard(key), []);

  return { pending, submitVitals, discard, online: snapshot.online, durable: snapshot.durable };
}
