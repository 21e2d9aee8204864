import type { VitalsCreated } from "@/lib/api/session-schemas";
import { ALERT_CODES } from "@/lib/clinical/vitals";
import type { PendingQueue, QueueEntry, QueueError } from "./pending-queue";

/**
 * Sends queued bedside entries to the API. Pure over an injected `fetch` so the decision table
 * (stored / retry / rejected) is unit-tested; the React hook only wires it to browser events.
 *
 * The rule that keeps data safe: an entry leaves the queue only on a 2xx whose body is a
 * `VitalsCreated`. Anything ambiguous (network error, timeout, 5xx, an HTML page from a captive
 * portal, a redirect) is retried with the same Idempotency-Key, which the server answers with
 * the first result if the row was in fact stored.
 */

/** Abort a hung request (Wi-Fi up but no route) well inside the queue's sending lease. */
export const SEND_TIMEOUT_MS = 15_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type RetryReason = "network" | "unauthenticated" | "server" | "unexpected-response";

export type SendOutcome =
  | { outcome: "stored"; result: VitalsCreated }
  | { outcome: "retry"; reason: RetryReason; message: string }
  | { outcome: "rejected"; message: string; fields?: { field: string; message: string }[] };

/** The API path; built here, the only client that posts vitals. */
export function vitalsPath(sessionId: string): string {
  return `/api/v1/sessions/${encodeURIComponent(sessionId)}/vitals`;
}

const alertCodes: readonly string[] = ALERT_CODES;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAlert(value: unknown): value is VitalsCreated["alerts"][number] {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    alertCodes.includes(value.code) &&
    (value.level === "warning" || value.level === "critical") &&
    typeof value.value === "string" &&
    typeof value.threshold === "string" &&
    typeof value.message === "string"
  );
}

/** Hand-written rather than the zod schema: that module pulls the database enums into the bundle. */
export function isVitalsCreated(value: unknown): value is VitalsCreated {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    (value.minutesFromDose === null || typeof value.minutesFromDose === "number") &&
    Array.isArray(value.alerts) &&
    value.alerts.every(isAlert)
  );
}

function errorBody(value: unknown): QueueError | null {
  if (!isRecord(value) || !isRecord(value.error)) return null;
  const { message, details } = value.error;
  if (typeof message !== "string") return null;
  const fields = Array.isArray(details)
    ? details.flatMap((d) =>
        isRecord(d) && typeof d.field === "string" && typeof d.message === "string"
          ? [{ field: d.field, message: d.message }]
          : [],
      )
    : [];
  return fields.length > 0 ? { message, fields } : { message };
}

async function jsonOrNull(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** When the server's refusal has no readable message, still tell the nurse what to do. */
function fallbackRefusal(status: number): string {
  switch (status) {
    case 403:
      return "You are not allowed to record vitals for this session.";
    case 404:
      return "This session was not found; it may have been removed.";
    case 409:
      return "This session no longer accepts vitals.";
    case 422:
      return "These values were refused as implausible. Check them and enter them again.";
    default:
      return `The server refused these vitals (HTTP ${status}).`;
  }
}

const OFFLINE_MESSAGE = "No connection to Kapstone. The entry is saved and will be sent.";

/** One attempt for one queued vitals entry. Never throws. */
export async function sendQueuedVitals(
  entry: QueueEntry,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
  timeoutMs: number = SEND_TIMEOUT_MS,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetchImpl(vitalsPath(entry.sessionId), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": entry.key },
      body: JSON.stringify(entry.body),
      credentials: "same-origin",
      // A redirect here is a sign-in page or a captive portal, never a stored row.
      redirect: "manual",
      cache: "no-store",
      // AbortSignal.timeout is missing before Safari 16; without it the browser's own limit applies.
      ...(typeof AbortSignal.timeout === "function"
        ? { signal: AbortSignal.timeout(timeoutMs) }
        : {}),
    });
  } catch {
    return { outcome: "retry", reason: "network", message: OFFLINE_MESSAGE };
  }

  const status = response.status;
  if (status >= 200 && status < 300) {
    const body = await jsonOrNull(response);
    if (isVitalsCreated(body)) return { outcome: "stored", result: body };
    return {
      outcome: "retry",
      reason: "unexpected-response",
      message: "Kapstone's answer could not be read. The entry is saved and will be sent again.",
    };
  }
  if (status === 401) {
    // The sign-in expired: keep the entry; it goes out once the nurse signs in again.
    return {
      outcome: "retry",
      reason: "unauthenticated",
      message: "Your sign-in has expired. Sign in again and the saved entry will be sent.",
    };
  }
  if (status === 408 || status === 429 || status >= 500) {
    return {
      outcome: "retry",
      reason: "server",
      message: "Kapstone is busy or unavailable. The entry is saved and will be sent.",
    };
  }
  if (status >= 400) {
    const error = errorBody(await jsonOrNull(response));
    const message = error?.message ?? fallbackRefusal(status);
    return error?.fields
      ? { outcome: "rejected", message, fields: error.fields }
      : { outcome: "rejected", message };
  }
  // 0 (an opaque redirect), 1xx or 3xx.
  return { outcome: "retry", reason: "unexpected-response", message: OFFLINE_MESSAGE };
}

/** An unreadable 2xx or a redirect is as likely a captive portal as Kapstone. */
function reachedServer(reason: RetryReason): boolean {
  switch (reason) {
    case "network":
    case "unexpected-response":
      return false;
    case "unauthenticated":
    case "server":
      return true;
    default: {
      const unreachable: never = reason;
      throw new Error(`Unknown retry reason ${String(unreachable)}`);
    }
  }
}

export type FlushReport = {
  stored: { entry: QueueEntry; result: VitalsCreated }[];
  rejected: QueueEntry[];
  retried: { entry: QueueEntry; reason: RetryReason }[];
  /** Whether the last request reached Kapstone; null when nothing was sent. */
  reachedServer: boolean | null;
};

export type FlushOptions = {
  fetchImpl?: FetchLike;
  now?: () => Date;
  /** Called after each entry settles, so the UI can update between entries of a long backlog. */
  onProgress?: (event: FlushEvent) => void;
};

export type FlushEvent =
  | { type: "sending"; entry: QueueEntry }
  | { type: "stored"; entry: QueueEntry; result: VitalsCreated }
  | { type: "rejected"; entry: QueueEntry }
  | { type: "retry"; entry: QueueEntry; reason: RetryReason };

/**
 * Sends every due entry once, one at a time, oldest first (the queue offers only each session's
 * oldest entry, so the next one of a session becomes due as soon as the previous is stored).
 * Entries that fail back off in the queue; the caller wakes again at `queue.nextWakeAt()`.
 */
export async function flushDueVitals(
  queue: PendingQueue,
  options: FlushOptions = {},
): Promise<FlushReport> {
  const now = options.now ?? (() => new Date());
  const report: FlushReport = { stored: [], rejected: [], retried: [], reachedServer: null };
  // Each entry is tried at most once per flush, so a flush always ends.
  const attempted = new Set<string>();
  for (;;) {
    const next = queue.due(now()).find((e) => !attempted.has(e.key));
    if (next === undefined) break;
    attempted.add(next.key);
    const claimed = queue.markSending(next.key, now());
    if (claimed === null) continue;
    options.onProgress?.({ type: "sending", entry: claimed });

    const sent = await sendQueuedVitals(claimed, options.fetchImpl);
    switch (sent.outcome) {
      case "stored":
        queue.markAcknowledged(claimed.key);
        report.stored.push({ entry: claimed, result: sent.result });
        report.reachedServer = true;
        options.onProgress?.({ type: "stored", entry: claimed, result: sent.result });
        break;
      case "rejected": {
        const error: QueueError = sent.fields
          ? { message: sent.message, fields: sent.fields }
          : { message: sent.message };
        const rejected = queue.markRejected(claimed.key, error) ?? { ...claimed, error };
        report.rejected.push(rejected);
        report.reachedServer = true;
        options.onProgress?.({ type: "rejected", entry: rejected });
        break;
      }
      case "retry": {
        const retried = queue.markRetry(claimed.key, now(), { message: sent.message }) ?? claimed;
        report.retried.push({ entry: retried, reason: sent.reason });
        report.reachedServer = reachedServer(sent.reason);
        options.onProgress?.({ type: "retry", entry: retried, reason: sent.reason });
        break;
      }
      default: {
        const unreachable: never = sent;
        throw new Error(`Unknown send outcome ${String(unreachable)}`);
      }
    }
  }
  return report;
}
