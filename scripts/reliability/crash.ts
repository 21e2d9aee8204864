/**
 * `npm run reliability:crash -- [--engine pglite|postgres|both] [--clients 50]
 *   [--kill-after 5] [--write-after 5] [--keep]`
 *
 * Bedside tablets retry: a vitals entry is sent with an Idempotency-Key and re-sent with the
 * same key until the server acknowledges it (201). This script checks that the promise holds
 * when the server dies mid-write. Simulated clients write vitals to today's sessions, the
 * `next start` process is SIGKILLed while requests are in flight, started again on the same
 * database, the clients retry, and then the database itself is read (with the server gone):
 * every acknowledged key is stored exactly once, nothing is stored twice, every stored reading
 * has its audit row, and every alert points at a stored reading — nothing half-written.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, count, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "../../db/client";
import { alerts, auditEvents, vitals } from "../../db/schema";
import {
  ROOT,
  ensureProductionBuild,
  newAuthSecret,
  normalVitals,
  pickPort,
  prepareEmbedded,
  preparePostgres,
  raisedVitals,
  signIn,
  sleep,
  startApp,
  vitalsTargets,
  type AppServer,
  type Database,
} from "./harness";

type Engine = "pglite" | "postgres";

const USAGE =
  "Usage: npm run reliability:crash -- [--engine pglite|postgres|both] [--clients 50] [--kill-after 5] [--write-after 5] [--keep]";

function options(): {
  engines: Engine[];
  clients: number;
  killAfterMs: number;
  writeAfterMs: number;
  keep: boolean;
} {
  const { values } = parseArgs({
    options: {
      engine: { type: "string", default: "both" },
      clients: { type: "string", default: "50" },
      "kill-after": { type: "string", default: "5" },
      "write-after": { type: "string", default: "5" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const engines: Engine[] =
    values.engine === "both"
      ? ["pglite", "postgres"]
      : values.engine === "pglite" || values.engine === "postgres"
        ? [values.engine]
        : [];
  const clients = Number(values.clients);
  const killAfter = Number(values["kill-after"]);
  const writeAfter = Number(values["write-after"]);
  if (
    engines.length === 0 ||
    !Number.isInteger(clients) ||
    clients < 1 ||
    !(killAfter > 0) ||
    !(writeAfter > 0)
  ) {
    console.error(USAGE);
    process.exit(2);
  }
  return {
    engines,
    clients,
    killAfterMs: killAfter * 1000,
    writeAfterMs: writeAfter * 1000,
    keep: values.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// The bedside clients.

type Ack = {
  key: string;
  sessionId: string;
  id: string;
  alerts: number;
  replayed: boolean;
  tries: number;
  /** performance.now() when the answer arrived. */
  at: number;
};

type ClientState = {
  url: string;
  cookie: string;
  /** No new entries once set; entries already sent are still retried until acknowledged. */
  stopWriting: boolean;
  /** Retrying stops at this time (ms since epoch) once set. */
  giveUpAt: number | null;
  attempts: number;
  inFlight: number;
  sent: Map<string, string>;
  acks: Ack[];
  unresolved: string[];
  /** Answers that are neither 201 nor retryable: the test fails on any. */
  rejected: { key: string; status: number; body: string }[];
  networkErrors: Map<string, number>;
  serverErrors: number;
};

const REQUEST_TIMEOUT_MS = 15_000;

function errorKind(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "timeout";
    const cause = error.cause as { code?: string } | undefined;
    return cause?.code ?? error.message;
  }
  return String(error);
}

async function bedsideClient(state: ClientState, sessionId: string): Promise<void> {
  while (!state.stopWriting) {
    const key = randomUUID();
    // One entry in ten is a raised reading, so that alerts are written (and checked) too.
    const body = JSON.stringify(Math.random() < 0.1 ? raisedVitals() : normalVitals());
    state.sent.set(key, sessionId);
    for (let tries = 1; ; tries++) {
      state.attempts++;
      state.inFlight++;
      let retry = true;
      try {
        const res = await fetch(`${state.url}/api/v1/sessions/${sessionId}/vitals`, {
          method: "POST",
          headers: {
            cookie: state.cookie,
            "content-type": "application/json",
            "idempotency-key": key,
          },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (res.status === 201) {
          const answer = (await res.json()) as { id: string; alerts: unknown[] };
          state.acks.push({
            key,
            sessionId,
            id: answer.id,
            alerts: answer.alerts.length,
            replayed: res.headers.get("idempotent-replayed") === "true",
            tries,
            at: performance.now(),
          });
          retry = false;
        } else if (res.status >= 500) {
          state.serverErrors++;
          await res.body?.cancel();
        } else {
          state.rejected.push({ key, status: res.status, body: (await res.text()).slice(0, 300) });
          retry = false;
        }
      } catch (error) {
        // Refused while the server is down, reset when it was killed mid-request, or a timeout:
        // the entry may or may not have been stored, so it is sent again with the same key.
        const kind = errorKind(error);
        state.networkErrors.set(kind, (state.networkErrors.get(kind) ?? 0) + 1);
      } finally {
        state.inFlight--;
      }
      if (!retry) break;
      if (state.giveUpAt !== null && Date.now() > state.giveUpAt) {
        state.unresolved.push(key);
        return;
      }
      const backoff = Math.min(2_000, 100 * 2 ** Math.min(tries - 1, 5));
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Verification, straight in the database.

type Verification = {
  opened: true;
  rowsFound: number;
  storedNotAcknowledged: number;
  unknownKeys: number;
  duplicates: number;
  missing: number;
  wrongId: number;
  vitalsWithoutAudit: number;
  doubleAudit: number;
  auditWithoutVitals: number;
  alertsWithoutVitals: number;
  alertsMismatch: number;
  alertsOfRun: number;
  replayAudits: number;
  failureAudits: number;
  indexRows: number;
  heapRows: number;
};

async function countWith(handle: DbHandle, targets: string[], settings: string[]): Promise<number> {
  return handle.db.transaction(async (tx) => {
    for (const setting of settings) await tx.execute(sql.raw(`set local ${setting}`));
    const [row] = await tx
      .select({ n: count() })
      .from(vitals)
      .where(and(inArray(vitals.sessionId, targets), isNotNull(vitals.idempotencyKey)));
    return row?.n ?? 0;
  });
}

async function verify(
  handle: DbHandle,
  targets: string[],
  state: ClientState,
  runStart: Date,
): Promise<Verification> {
  const { db } = handle;
  const rows = await db
    .select({ id: vitals.id, sessionId: vitals.sessionId, key: vitals.idempotencyKey })
    .from(vitals)
    .where(and(inArray(vitals.sessionId, targets), isNotNull(vitals.idempotencyKey)));
  const ours = rows.filter((r) => r.key !== null && state.sent.has(r.key));

  // Duplicates: a key stored more than once, by session + key and by key alone.
  const perKey = new Map<string, number>();
  for (const r of ours) perKey.set(r.key ?? "", (perKey.get(r.key ?? "") ?? 0) + 1);
  const duplicates = [...perKey.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);

  const byKey = new Map(ours.map((r) => [`${r.sessionId}/${r.key}`, r]));
  let missing = 0;
  let wrongId = 0;
  const acked = new Set<string>();
  for (const ack of state.acks) {
    acked.add(ack.key);
    const row = byKey.get(`${ack.sessionId}/${ack.key}`);
    if (!row) missing++;
    else if (row.id !== ack.id) wrongId++;
  }
  const storedNotAcknowledged = ours.filter((r) => r.key !== null && !acked.has(r.key)).length;

  // Audit rows of the run: every stored reading has exactly one (replays add their own).
  const audits = await db
    .select({ entityId: auditEvents.entityId, detail: auditEvents.detail })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, "vitals.record"),
        eq(auditEvents.entityType, "vitals"),
        eq(auditEvents.outcome, "success"),
      ),
    );
  const firstAudits = new Map<string, number>();
  let replayAudits = 0;
  for (const a of audits) {
    if (a.detail?.replayed === true) {
      replayAudits++;
      continue;
    }
    if (a.entityId) firstAudits.set(a.entityId, (firstAudits.get(a.entityId) ?? 0) + 1);
  }
  const ourIds = new Set(ours.map((r) => r.id));
  const vitalsWithoutAudit = ours.filter((r) => !firstAudits.has(r.id)).length;
  const doubleAudit = ours.filter((r) => (firstAudits.get(r.id) ?? 0) > 1).length;
  const allIds = new Set(
    (await db.select({ id: vitals.id }).from(vitals).where(inArray(vitals.sessionId, targets))).map(
      (r) => r.id,
    ),
  );
  const auditWithoutVitals = [...firstAudits.keys()].filter((id) => !allIds.has(id)).length;
  const [failures] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, "vitals.record"),
        sql`${auditEvents.outcome} <> 'success'`,
        sql`${auditEvents.at} >= ${runStart.toISOString()}`,
      ),
    );

  // Alerts: each points at a stored reading, and each acknowledged reading has the alerts its
  // answer named.
  const [dangling] = await db
    .select({ n: count() })
    .from(alerts)
    .leftJoin(vitals, eq(vitals.id, alerts.vitalsId))
    .where(and(isNotNull(alerts.vitalsId), isNull(vitals.id)));
  const alertRows = await db
    .select({ vitalsId: alerts.vitalsId })
    .from(alerts)
    .where(inArray(alerts.sessionId, targets));
  const alertsPer = new Map<string, number>();
  for (const a of alertRows) {
    if (a.vitalsId) alertsPer.set(a.vitalsId, (alertsPer.get(a.vitalsId) ?? 0) + 1);
  }
  const alertsMismatch = state.acks.filter(
    (ack) => ourIds.has(ack.id) && (alertsPer.get(ack.id) ?? 0) !== ack.alerts,
  ).length;

  // The unique index and the table agree (an index not recovered with the table would not).
  const indexRows = await countWith(handle, targets, [
    "enable_seqscan = off",
    "enable_bitmapscan = on",
  ]);
  const heapRows = await countWith(handle, targets, [
    "enable_indexscan = off",
    "enable_indexonlyscan = off",
    "enable_bitmapscan = off",
  ]);

  return {
    opened: true,
    rowsFound: ours.length,
    storedNotAcknowledged,
    unknownKeys: rows.length - ours.length,
    duplicates,
    missing,
    wrongId,
    vitalsWithoutAudit,
    doubleAudit,
    auditWithoutVitals,
    alertsWithoutVitals: dangling?.n ?? 0,
    alertsMismatch,
    alertsOfRun: ours.reduce((a, r) => a + (alertsPer.get(r.id) ?? 0), 0),
    replayAudits,
    failureAudits: failures?.n ?? 0,
    indexRows,
    heapRows,
  };
}

// ---------------------------------------------------------------------------------------------
// One engine.

type Report = {
  engine: Engine;
  ok: boolean;
  problems: string[];
  lines: [string, string][];
};

const fmt = (n: number): string => n.toLocaleString("en-US");

async function runEngine(
  engine: Engine,
  opts: ReturnType<typeof options>,
  port: number,
): Promise<Report> {
  const label = engine === "pglite" ? "PGlite (embedded)" : "PostgreSQL 15";
  console.log(`\n=== ${label} ===`);
  const logFile = path.join(ROOT, ".data", `reliability-crash-${engine}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, "");
  const problems: string[] = [];

  let t = performance.now();
  const database: Database =
    engine === "pglite"
      ? await prepareEmbedded(".data/reliability-crash-pglite")
      : await preparePostgres();
  console.log(
    `database seeded with the demo clinic in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const authSecret = newAuthSecret();
  const appOptions = { database, port, authSecret, logFile };

  t = performance.now();
  let server: AppServer | null = await startApp(appOptions);
  console.log(
    `next start (pid ${server.pid}) healthy on :${port} in ${((performance.now() - t) / 1000).toFixed(1)} s (log: ${path.relative(ROOT, logFile)})`,
  );
  const cookie = await signIn(server.url, "nurse");
  const targets = await vitalsTargets(server.url, cookie, 10);
  console.log(
    `${targets.ids.length} sessions accept vitals (${targets.checkedIn} of them checked in through the API for this test)`,
  );

  const state: ClientState = {
    url: server.url,
    cookie,
    stopWriting: false,
    giveUpAt: null,
    attempts: 0,
    inFlight: 0,
    sent: new Map(),
    acks: [],
    unresolved: [],
    rejected: [],
    networkErrors: new Map(),
    serverErrors: 0,
  };
  const runStart = new Date(Date.now() - 1_000);
  const clients = Array.from({ length: opts.clients }, (_, i) =>
    bedsideClient(state, targets.ids[i % targets.ids.length] ?? ""),
  );

  await sleep(opts.killAfterMs);
  const inFlightAtKill = state.inFlight;
  const ackedBeforeKill = state.acks.length;
  console.log(
    `after ${opts.killAfterMs / 1000} s: ${fmt(ackedBeforeKill)} acknowledged; SIGKILL to the server's process group with ${inFlightAtKill} requests in flight`,
  );
  const killedAt = performance.now();
  server.signal("SIGKILL");
  const exit = await server.exited;
  server = null;

  let restartMs: number | null = null;
  let restartError: string | null = null;
  try {
    server = await startApp({ ...appOptions, healthTimeoutMs: 90_000 });
    restartMs = performance.now() - killedAt;
    console.log(
      `server gone (${exit}); restarted on the same database (pid ${server.pid}), healthy ${(restartMs / 1000).toFixed(2)} s after the kill`,
    );
  } catch (error) {
    restartError = error instanceof Error ? error.message : String(error);
    problems.push(`the server could not be restarted on the database after SIGKILL`);
    console.error(`restart FAILED after SIGKILL:\n${restartError}`);
  }

  if (server) await sleep(opts.writeAfterMs);
  state.stopWriting = true;
  state.giveUpAt = Date.now() + (server ? 60_000 : 0);
  await Promise.all(clients);
  console.log(`writing stopped; ${fmt(state.acks.length)} acknowledged in all`);
  if (server) {
    await server.stop();
    console.log("server stopped (SIGTERM)");
  }

  // Verify with the server gone: on PGlite this is also the proof that the directory reopens.
  let verification: Verification | { opened: false; error: string };
  t = performance.now();
  let handle: DbHandle | null = null;
  try {
    handle = await openDatabase(database.open);
  } catch (error) {
    verification = {
      opened: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  if (handle) {
    try {
      verification = await verify(handle, targets.ids, state, runStart);
    } catch (error) {
      verification = {
        opened: false,
        error: `opened, but reading failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      };
    } finally {
      await handle.close().catch(() => {});
    }
  }
  verification ??= { opened: false, error: "not verified" };
  const verifyMs = performance.now() - t;
  database.stop();

  const retried = state.acks.filter((a) => a.tries > 1).length;
  const firstAckAfter = state.acks.find((a) => a.at > killedAt)?.at;
  const replays = state.acks.filter((a) => a.replayed).length;
  const errors = [...state.networkErrors].map(([k, n]) => `${k} ${n}`).join(", ") || "none";
  const lines: [string, string][] = [
    ["clients", fmt(opts.clients)],
    ["sessions written to", fmt(targets.ids.length)],
    ["attempts", fmt(state.attempts)],
    ["acknowledged", fmt(state.acks.length)],
    ["  before the kill", fmt(ackedBeforeKill)],
    ["in flight at the kill", fmt(inFlightAtKill)],
    ["retried after crash", fmt(retried)],
    ["replays", fmt(replays)],
    ["network errors", errors],
    ["5xx answers", fmt(state.serverErrors)],
    ["rejected (4xx)", fmt(state.rejected.length)],
    ["never acknowledged", fmt(state.unresolved.length)],
  ];
  if (state.rejected.length > 0) {
    problems.push(`${state.rejected.length} entries were rejected`);
    const first = state.rejected[0];
    if (first) console.error(`first rejection: HTTP ${first.status} ${first.body}`);
  }
  if (state.unresolved.length > 0) {
    problems.push(`${state.unresolved.length} entries were never acknowledged`);
  }
  if (!verification.opened) {
    problems.push("the database could not be opened and read after the run");
    console.error(`\nOpening the ${engine} database after the run FAILED:\n${verification.error}`);
    lines.push(["rows found", "— (database not readable)"]);
  } else {
    const v = verification;
    lines.push(
      [
        "rows found",
        `${fmt(v.rowsFound)}${v.storedNotAcknowledged ? ` (${v.storedNotAcknowledged} stored, never acknowledged)` : ""}`,
      ],
      ["duplicates", fmt(v.duplicates)],
      [
        "missing",
        `${fmt(v.missing)}${v.wrongId ? ` (+${v.wrongId} acknowledged with another id)` : ""}`,
      ],
      [
        "orphans",
        `${fmt(v.vitalsWithoutAudit + v.auditWithoutVitals + v.alertsWithoutVitals + v.alertsMismatch + v.doubleAudit)} (vitals without audit ${v.vitalsWithoutAudit}, audit without vitals ${v.auditWithoutVitals}, double audit ${v.doubleAudit}, alerts without vitals ${v.alertsWithoutVitals}, alerts differing from the answer ${v.alertsMismatch})`,
      ],
      [
        "alerts raised",
        `${fmt(v.alertsOfRun)} stored (${fmt(state.acks.reduce((a, k) => a + k.alerts, 0))} named in the answers)`,
      ],
      ["replay audit rows", fmt(v.replayAudits)],
      ["failure audit rows", fmt(v.failureAudits)],
      ["index vs table rows", `${fmt(v.indexRows)} / ${fmt(v.heapRows)}`],
      ["database reopened", `yes, verified in ${(verifyMs / 1000).toFixed(1)} s`],
    );
    if (v.duplicates > 0) problems.push(`${v.duplicates} duplicate rows`);
    if (v.missing + v.wrongId > 0)
      problems.push(`${v.missing + v.wrongId} acknowledged entries missing`);
    if (v.unknownKeys > 0) problems.push(`${v.unknownKeys} rows with keys no client sent`);
    if (v.vitalsWithoutAudit + v.auditWithoutVitals + v.doubleAudit > 0) {
      problems.push("vitals and audit rows do not match one to one");
    }
    if (v.alertsWithoutVitals + v.alertsMismatch > 0) problems.push("alerts half-written");
    if (v.indexRows !== v.heapRows) problems.push("the unique index and the table disagree");
  }
  lines.push([
    "time to restart",
    restartMs === null
      ? "— (did not restart)"
      : `${(restartMs / 1000).toFixed(2)} s (SIGKILL → /api/health ok)`,
  ]);
  if (firstAckAfter !== undefined) {
    lines.push([
      "first write after",
      `${((firstAckAfter - killedAt) / 1000).toFixed(2)} s (SIGKILL → first 201 of the new server)`,
    ]);
  }
  if (problems.length === 0 && !opts.keep && database.engine === "pglite") {
    rmSync(database.dataDir, { recursive: true, force: true });
  } else if (database.engine === "pglite") {
    console.log(`data directory kept: ${path.relative(ROOT, database.dataDir)}`);
  }
  return { engine, ok: problems.length === 0, problems, lines };
}

async function main(): Promise<void> {
  const opts = options();
  ensureProductionBuild();
  const port = await pickPort();
  const reports: Report[] = [];
  for (const engine of opts.engines) reports.push(await runEngine(engine, opts, port));

  console.log("\n=== Crash test results ===");
  for (const report of reports) {
    console.log(`\n${report.engine === "pglite" ? "PGlite (embedded)" : "PostgreSQL 15"}`);
    for (const [name, value] of report.lines) console.log(`  ${name.padEnd(22)} ${value}`);
    console.log(
      `  ${"result".padEnd(22)} ${report.ok ? "PASS" : `FAIL — ${report.problems.join("; ")}`}`,
    );
  }
  process.exit(reports.every((r) => r.ok) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
