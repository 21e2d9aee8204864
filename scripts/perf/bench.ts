/**
 * `npm run bench -- [--patients 1000,20000] [--database-url URL] [--pglite-patients 500]
 *   [--seconds 15] [--warmup 3] [--connections 10] [--write-connections 50] [--write]`
 *
 * Measures every key path of Kapstone beside the framework's own floor, in one run:
 *
 * - floors: `GET /api/v1/me` (a signed-in API call with no clinical data), the `/account` page
 *   (the shell and the user's own details), and for writes the same vitals transaction sent
 *   straight through the database driver with no web server;
 * - key paths: the caseload page and API, a patient page and the progress API, a session page,
 *   the Today board, vitals writes at the bedside.
 *
 * First vitals writes on PGlite (the embedded engine, --pglite-patients). Then it loads each
 * database size (a throwaway PostgreSQL 15 with fsync on, loaded by the large seed) and starts
 * `next start` on each, all at once, with statement counting on; counts the SQL statements of
 * one request of each path (serially, read from /api/health before and after); then loads each
 * path with autocannon for --seconds after a --warmup, on every size in interleaved slices, each
 * beside its floor (see `interleaved`), and prints p50/p95/p99, throughput and the ratio to the
 * floor. With two sizes it prints the growth ratio. The budgets of docs/performance.md are
 * checked at the end: the exit code is 1 when one is missed.
 * --write replaces the generated tables in docs/performance.md.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type DbHandle, type OpenOptions } from "@/db/client";
import { patients, sessions, users } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed/demo-clinic";
import { seedLargeClinic } from "@/db/seed/large/generate";
import { recordVitals } from "@/lib/sessions/record-vitals";
import { checkInSession } from "@/lib/sessions/transitions";
import { startPostgres } from "../../test/postgres-server";
import {
  CLINIC_TZ,
  ROOT,
  ensureProductionBuild,
  fail,
  newAuthSecret,
  normalVitals,
  onCleanup,
  percentile,
  pickPort,
  signIn,
  startApp,
  type AppServer,
  type Database,
} from "../reliability/harness";

const USAGE =
  "Usage: npm run bench -- [--patients 1000,20000] [--database-url URL] [--pglite-patients 500] [--seconds 15] [--warmup 3] [--connections 10] [--write-connections 50] [--write]";

type Options = {
  sizes: number[];
  databaseUrl: string | null;
  pglitePatients: number;
  seconds: number;
  warmup: number;
  connections: number;
  writeConnections: number;
  write: boolean;
};

function options(): Options {
  const { values } = parseArgs({
    options: {
      patients: { type: "string", default: "1000,20000" },
      "database-url": { type: "string" },
      "pglite-patients": { type: "string", default: "500" },
      seconds: { type: "string", default: "15" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "10" },
      "write-connections": { type: "string", default: "50" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sizes = values.patients.split(",").map(Number);
  const whole = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;
  const opts: Options = {
    sizes,
    databaseUrl: values["database-url"] ?? null,
    pglitePatients: Number(values["pglite-patients"]),
    seconds: Number(values.seconds),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    writeConnections: Number(values["write-connections"]),
    write: values.write,
  };
  if (
    !sizes.every((n) => whole(n, 10)) ||
    // Both servers run at once: two of one size would share a tag and a log.
    new Set(sizes).size !== sizes.length ||
    !whole(opts.pglitePatients, 0) ||
    !whole(opts.seconds, 1) ||
    !whole(opts.warmup, 0) ||
    !whole(opts.connections, 1) ||
    !whole(opts.writeConnections, 1) ||
    (opts.databaseUrl !== null && !/^postgres(ql)?:\/\//.test(opts.databaseUrl))
  ) {
    console.error(USAGE);
    process.exit(2);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

type Figures = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than the expected status, and socket errors and timeouts. */
  failures: number;
  statuses: string;
  /** Every answered request's latency, for pooling slices of one measurement. */
  latencies: number[];
};

function figures(latencies: number[], seconds: number, failures: number, statuses: string) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    latencies: sorted,
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    failures,
    statuses,
  } satisfies Figures;
}

/** Slices of one measurement taken apart in time, as one. */
function pooled(slices: readonly Figures[]): Figures {
  const statuses = new Map<string, number>();
  for (const f of slices) {
    for (const part of f.statuses.split(" ").filter(Boolean)) {
      const [code = "", n = "0"] = part.split("×");
      statuses.set(code, (statuses.get(code) ?? 0) + Number(n));
    }
  }
  return figures(
    slices.flatMap((f) => f.latencies),
    slices.reduce((sum, f) => sum + f.seconds, 0),
    slices.reduce((sum, f) => sum + f.failures, 0),
    [...statuses].map(([code, n]) => `${code}×${n}`).join(" "),
  );
}

type Measure = (seconds: number) => Promise<Figures>;

/** What one slice measures: a path, and the floor it is compared with (none for a floor). */
type Pair = { measure: Measure; floor: Measure | null };

/**
 * Paths and their floors in alternating slices: this machine's speed drifts within minutes (a
 * fixed loop of arithmetic took 415 ms and 663 ms a few minutes apart), so a floor measured once
 * at the start and a path measured ten minutes later may not share a machine. Paired, every
 * ratio compares the two under the same conditions. With two database sizes, both servers are
 * up at once and every slice measures the path on each in turn, so the growth ratio too
 * compares the sizes under the same conditions.
 */
async function interleaved(
  pairs: readonly Pair[],
  seconds: number,
): Promise<{ figures: Figures; floor: Figures | null }[]> {
  const [only] = pairs;
  if (pairs.length === 1 && only && !only.floor) {
    // Nothing to alternate with (one size, a floor or PGlite's writes): one period, not slices.
    return [{ figures: await only.measure(seconds), floor: null }];
  }
  const each = seconds / PAIRED_SLICES;
  const mine = pairs.map((): Figures[] => []);
  const theirs = pairs.map((): Figures[] => []);
  // Floor, path; path, floor; floor, path — and the sizes forward, backward, forward: what one
  // leaves behind (garbage to collect, say) falls on the other as often as the other way round.
  for (let i = 0; i < PAIRED_SLICES; i++) {
    const forward = i % 2 === 0;
    const order = forward ? [...pairs.entries()] : [...pairs.entries()].reverse();
    for (const [j, { measure, floor }] of order) {
      if (floor && forward) theirs[j]?.push(await floor(each));
      mine[j]?.push(await measure(each));
      if (floor && !forward) theirs[j]?.push(await floor(each));
    }
  }
  return pairs.map((pair, j) => ({
    figures: pooled(mine[j] ?? []),
    floor: pair.floor ? pooled(theirs[j] ?? []) : null,
  }));
}

const PAIRED_SLICES = 3;

type Path = {
  key: string;
  label: string;
  kind: "floor-api" | "floor-page" | "api" | "page" | "write";
  cookie: string;
  /** The next request (rotating over targets). */
  request: () => {
    method: "GET" | "POST";
    path: string;
    headers?: Record<string, string>;
    body?: string;
  };
  expect: number;
};

/** Closed-loop load with autocannon: `connections` clients, each sending as soon as answered. */
function load(url: string, p: Path, connections: number, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const status = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 30,
        headers: { cookie: p.cookie },
        requests: [
          {
            setupRequest: (req) => {
              const next = p.request();
              return { ...req, ...next, headers: { ...req.headers, ...next.headers } };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error as Error);
        let unexpected = 0;
        for (const [code, n] of status) if (code !== p.expect) unexpected += n;
        const statuses = [...status]
          .sort(([a], [b]) => a - b)
          .map(([code, n]) => `${code}×${n}`)
          .join(" ");
        resolve(figures(latencies, result.duration, unexpected + result.errors, statuses));
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      status.set(statusCode, (status.get(statusCode) ?? 0) + 1);
    });
  });
}

async function healthCount(url: string): Promise<number> {
  const res = await fetch(`${url}/api/health`);
  const body = (await res.json()) as { sqlStatements?: number };
  if (typeof body.sqlStatements !== "number") {
    throw new Error("/api/health does not report sqlStatements: is KAPSTONE_SQL_STATS=1 set?");
  }
  return body.sqlStatements;
}

/**
 * SQL statements one request runs: the server's counter read before and after the request,
 * with nothing else running, less the health check's own `select 1`. Repeated over the path's
 * targets; the most frequent count is reported with the range (a page load records the user's
 * activity at most every 20 s, which adds a statement now and then).
 */
async function statementsOf(
  url: string,
  p: Path,
  repeats = 5,
): Promise<{ mode: number; min: number; max: number }> {
  const counts: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const next = p.request();
    const before = await healthCount(url);
    const res = await fetch(`${url}${next.path}`, {
      method: next.method,
      headers: { cookie: p.cookie, ...next.headers },
      body: next.body,
      redirect: "manual",
    });
    await res.arrayBuffer();
    if (res.status !== p.expect) {
      throw new Error(`${next.method} ${next.path} answered ${res.status}, expected ${p.expect}`);
    }
    counts.push((await healthCount(url)) - before - 1);
  }
  const tally = new Map<number, number>();
  for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
  const mode = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? Number.NaN;
  return { mode, min: Math.min(...counts), max: Math.max(...counts) };
}

// ---------------------------------------------------------------------------------------------
// Databases.

type Prepared = { database: Database; patients: number; loadSeconds: number | null };

async function countPatients(open: OpenOptions): Promise<number> {
  const handle = await openDatabase(open);
  try {
    const [row] = await handle.db.select({ n: count() }).from(patients);
    return row?.n ?? 0;
  } finally {
    await handle.close();
  }
}

async function seedInto(handle: DbHandle, size: number): Promise<number> {
  const started = performance.now();
  let lastPrint = 0;
  await migrateDatabase(handle);
  await seedLargeClinic(handle.db, {
    patients: size,
    batch: 250,
    now: new Date(),
    timeZone: CLINIC_TZ,
    onProgress: ({ patientsDone }) => {
      const t = (performance.now() - started) / 1000;
      if (t - lastPrint < 15 && patientsDone < size) return;
      lastPrint = t;
      console.log(`  loading: ${patientsDone.toLocaleString("en-US")} patients, ${t.toFixed(0)} s`);
    },
  });
  return (performance.now() - started) / 1000;
}

/**
 * `npm run seed:large` into a PostgreSQL database, in a process of its own: loading 20,000
 * patients builds a heap this process would otherwise carry (and collect) while it measures.
 */
function seedInChild(url: string, size: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "db/seed/large/cli.ts"].concat([
        "--patients",
        String(size),
        "--batch",
        "250",
      ]),
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, CLINIC_TZ },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`npm run seed:large exited with ${code}`));
    });
  });
}

/** A throwaway PostgreSQL 15 loaded with `size` patients, then fsync on as in a clinic. */
async function preparePostgres(size: number): Promise<Prepared> {
  const server = await startPostgres();
  const unregister = onCleanup(server.stop);
  const loadSeconds = await seedInChild(server.url, size);
  const handle = await openDatabase({ engine: "postgres", url: server.url, max: 2 });
  try {
    // A clinic's database is vacuumed and analysed by autovacuum soon after a bulk load;
    // measure the state it settles in, and durable commits from here on.
    await handle.db.execute(sql`vacuum analyze`);
    await handle.db.execute(sql`alter system set fsync = on`);
    await handle.db.execute(sql`select pg_reload_conf()`);
    await handle.db.execute(sql`checkpoint`);
  } finally {
    await handle.close();
  }
  const open: OpenOptions = { engine: "postgres", url: server.url, max: 10 };
  return {
    database: {
      engine: "postgres",
      url: server.url,
      open,
      stop: () => {
        unregister();
        server.stop();
      },
    },
    patients: size,
    loadSeconds,
  };
}

async function preparePglite(size: number): Promise<Prepared> {
  const dataDir = path.join(ROOT, ".data", `bench-pglite-${size}`);
  const open: OpenOptions = { engine: "pglite", dataDir: path.join(dataDir, "pglite") };
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const handle = await openDatabase(open);
  let loadSeconds: number;
  try {
    loadSeconds = await seedInto(handle, size);
    await handle.db.execute(sql`vacuum analyze`);
  } finally {
    await handle.close();
  }
  return {
    database: { engine: "pglite", dataDir, open, stop: () => {} },
    patients: size,
    loadSeconds,
  };
}

// ---------------------------------------------------------------------------------------------
// The sessions the benchmark writes to and reads.

type Targets = {
  nurse: { id: string; role: "nurse" | "psychiatrist" | "admin" };
  /** Checked in here: the driver-only writers use these… */
  driverWrites: string[];
  /** …and the server's writers these, so neither sees the other's rows. */
  serverWrites: string[];
  /** The latest dosing sessions under way or finished, with their readings: session pages. */
  sessionPages: string[];
};

/**
 * Checks in the 16 soonest scheduled sessions as the demo nurse (the bedside check-in use
 * case), so that vitals can be written at any hour of the day, and picks the session pages.
 */
async function prepareTargets(open: OpenOptions): Promise<Targets> {
  const handle = await openDatabase(open);
  try {
    const { db } = handle;
    const nurseEmail = DEMO_ACCOUNTS.find((a) => a.role === "nurse")?.email ?? "";
    const [nurse] = await db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, nurseEmail));
    if (!nurse) throw new Error(`No demo nurse (${nurseEmail}) in the database`);
    const actor = { ...nurse, requestAddress: "127.0.0.1" };
    const scheduled = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.status, "scheduled"))
      .orderBy(asc(sessions.scheduledStart))
      .limit(16);
    if (scheduled.length < 2) throw new Error("Too few scheduled sessions to write vitals to");
    for (const s of scheduled) {
      await checkInSession(db, actor, s.id, {
        identityConfirmed: true,
        fastingConfirmed: true,
        rideHomeConfirmed: true,
      });
    }
    const ids = scheduled.map((s) => s.id);
    const half = Math.ceil(ids.length / 2);
    const pages = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(eq(sessions.kind, "dosing"), inArray(sessions.status, ["in_progress", "completed"])),
      )
      .orderBy(desc(sessions.scheduledStart))
      .limit(10);
    return {
      nurse,
      driverWrites: ids.slice(0, half),
      serverWrites: ids.slice(half),
      sessionPages: pages.map((p) => p.id),
    };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The vitals transaction without a web server.

/**
 * The bedside write of POST /api/v1/sessions/{id}/vitals — the same use case, the same
 * transaction and audit row — called straight through the database driver by `connections`
 * concurrent writers, with the pool size the server uses.
 */
async function driverVitals(
  open: OpenOptions,
  targets: Targets,
  connections: number,
  seconds: number,
  warmup: number,
): Promise<Figures> {
  const handle = await openDatabase(open);
  try {
    const actor = { ...targets.nurse, requestAddress: "127.0.0.1" };
    const next = rotate(targets.driverWrites);
    const run = async (forSeconds: number): Promise<Figures> => {
      const latencies: number[] = [];
      let failures = 0;
      const deadline = performance.now() + forSeconds * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            try {
              await recordVitals(handle.db, actor, next(), normalVitals(), {
                idempotencyKey: randomUUID(),
              });
              latencies.push(performance.now() - t0);
            } catch {
              failures++;
            }
          }
        }),
      );
      return figures(latencies, (performance.now() - started) / 1000, failures, "");
    };
    if (warmup > 0) await run(warmup);
    return await run(seconds);
  } finally {
    await handle.close();
  }
}

const rotate = <T>(items: readonly T[]): (() => T) => {
  let i = 0;
  return () => {
    const item = items[i++ % items.length];
    if (item === undefined) throw new Error("nothing to rotate over");
    return item;
  };
};

// ---------------------------------------------------------------------------------------------
// Database sizes, served and measured together.

type PathResult = {
  path: Path;
  statements: { mode: number; min: number; max: number } | null;
  figures: Figures;
  /** The floor measured in the slices between this path's (null for floors, PGlite writes). */
  floor: Figures | null;
};

type SizeResult = {
  engine: "postgres" | "pglite";
  patients: number;
  loadSeconds: number | null;
  driver: Figures;
  results: PathResult[];
  /** The machine's pace (ms for a fixed loop) before and after the run of all its sizes. */
  pace: [number, number];
};

/**
 * Milliseconds this process takes for a fixed loop of arithmetic: how fast the machine is right
 * now. On this shared machine it varies by half within minutes, and an absolute figure (vitals
 * writes per second on PGlite) reads differently on a slow minute than on a fast one.
 */
function machinePace(): number {
  const started = performance.now();
  let acc = 0;
  for (let i = 0; i < 50_000_000; i++) acc = (acc + i * 7) % 1_000_003;
  if (acc < 0) console.log(acc);
  return performance.now() - started;
}

async function json<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

async function keyPaths(url: string, targets: Targets): Promise<Path[]> {
  const psychiatrist = await signIn(url, "psychiatrist");
  const nurse = await signIn(url, "nurse");

  // Patients with a course under way: the page and the progress API draw the most for them.
  const active = await json<{ items: { id: string }[] }>(
    `${url}/api/v1/patients?status=active&pageSize=10`,
    psychiatrist,
  );
  const patientIds = active.items.map((p) => p.id);
  if (patientIds.length === 0) throw new Error("The psychiatrist has no active patient");
  const nextPatient = rotate(patientIds);

  const nextSession = rotate(targets.sessionPages);
  const nextTarget = rotate(targets.serverWrites);

  const get = (p: string) => () => ({ method: "GET" as const, path: p });
  return [
    {
      key: "me",
      label: "GET /api/v1/me",
      kind: "floor-api",
      cookie: psychiatrist,
      request: get("/api/v1/me"),
      expect: 200,
    },
    {
      key: "account",
      label: "page /account",
      kind: "floor-page",
      cookie: psychiatrist,
      request: get("/account"),
      expect: 200,
    },
    {
      key: "caseload-api",
      label: "GET /api/v1/patients",
      kind: "api",
      cookie: psychiatrist,
      request: get("/api/v1/patients"),
      expect: 200,
    },
    {
      key: "progress-api",
      label: "GET /api/v1/patients/{id}/progress",
      kind: "api",
      cookie: psychiatrist,
      request: () => ({ method: "GET", path: `/api/v1/patients/${nextPatient()}/progress` }),
      expect: 200,
    },
    {
      key: "caseload",
      label: "page /patients",
      kind: "page",
      cookie: psychiatrist,
      request: get("/patients"),
      expect: 200,
    },
    {
      key: "patient",
      label: "page /patients/{id}",
      kind: "page",
      cookie: psychiatrist,
      request: () => ({ method: "GET", path: `/patients/${nextPatient()}` }),
      expect: 200,
    },
    {
      key: "session",
      label: "page /sessions/{id}",
      kind: "page",
      cookie: nurse,
      request: () => ({ method: "GET", path: `/sessions/${nextSession()}` }),
      expect: 200,
    },
    {
      key: "today",
      label: "page /today",
      kind: "page",
      cookie: nurse,
      request: get("/today"),
      expect: 200,
    },
    {
      key: "vitals",
      label: "POST /api/v1/sessions/{id}/vitals",
      kind: "write",
      cookie: nurse,
      request: () => ({
        method: "POST",
        path: `/api/v1/sessions/${nextTarget()}/vitals`,
        headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify(normalVitals()),
      }),
      expect: 201,
    },
  ];
}

async function startServer(prepared: Prepared, tag: string): Promise<AppServer> {
  const logFile = path.join(ROOT, ".data", `bench-${tag}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, "");
  return startApp({
    database: prepared.database,
    port: await pickPort(),
    authSecret: newAuthSecret(),
    logFile,
    env: { KAPSTONE_SQL_STATS: "1" },
  });
}

/** One database with its server up, its statements counted, ready to be loaded. */
type Running = {
  prepared: Prepared;
  tag: string;
  targets: Targets;
  driver: Figures;
  server: AppServer;
  paths: Path[];
  counted: Map<string, PathResult["statements"]>;
};

/**
 * The driver-only writers alone on this database (an earlier size's server is up, but idle),
 * then the server: signed in, its paths picked and the SQL statements of each counted,
 * serially, with nothing else running. The driver-only figure here is the table's own row; the
 * budget compares the server's writes with the driver-only writers measured beside them.
 */
async function startSize(prepared: Prepared, opts: Options, only?: Path["kind"]): Promise<Running> {
  const { database } = prepared;
  const tag = `${database.engine}-${prepared.patients}`;
  const writers = opts.writeConnections;
  console.log(`\n[${tag}] vitals through the driver alone: ${writers} writers, ${opts.seconds} s…`);
  const targets = await prepareTargets(database.open);
  const driver = await driverVitals(database.open, targets, writers, opts.seconds, opts.warmup);
  console.log(
    `  ${driver.rps.toFixed(0)} writes/s, p95 ${driver.p95.toFixed(0)} ms, ${driver.failures} failures`,
  );
  const server = await startServer(prepared, tag);
  try {
    const paths = (await keyPaths(server.url, targets)).filter((p) => !only || p.kind === only);
    const counted = new Map<string, PathResult["statements"]>();
    for (const p of paths) counted.set(p.key, await statementsOf(server.url, p));
    return { prepared, tag, targets, driver, server, paths, counted };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Every path on every running size, one path at a time: a warm-up on each, then the path and
 * its floor on each size in interleaved slices (see `interleaved`).
 */
async function measureSizes(
  runs: readonly Running[],
  opts: Options,
  paceBefore: number,
): Promise<SizeResult[]> {
  const writers = opts.writeConnections;
  const results = runs.map((): PathResult[] => []);
  for (const key of runs[0]?.paths.map((p) => p.key) ?? []) {
    const jobs = runs.flatMap((run, j) => {
      const p = run.paths.find((q) => q.key === key);
      if (!p) return [];
      const url = run.server.url;
      const conns = p.kind === "write" ? writers : opts.connections;
      const floorPath =
        p.kind === "api"
          ? run.paths.find((q) => q.kind === "floor-api")
          : p.kind === "page"
            ? run.paths.find((q) => q.kind === "floor-page")
            : undefined;
      const { database } = run.prepared;
      // PGlite's driver-only writers cannot open the database while the server holds it.
      const floor: Measure | null = floorPath
        ? (seconds) => load(url, floorPath, opts.connections, seconds)
        : p.kind === "write" && database.engine === "postgres"
          ? (seconds) => driverVitals(database.open, run.targets, writers, seconds, 0)
          : null;
      return [
        { j, run, p, conns, pair: { measure: (s: number) => load(url, p, conns, s), floor } },
      ];
    });
    for (const { run, p, conns } of jobs) {
      if (opts.warmup > 0) await load(run.server.url, p, conns, opts.warmup);
    }
    const measured = await interleaved(
      jobs.map((job) => job.pair),
      opts.seconds,
    );
    for (const [i, { j, run, p }] of jobs.entries()) {
      const m = measured[i];
      if (!m) continue;
      const f = m.figures;
      const st = run.counted.get(p.key) ?? null;
      const beside = m.floor
        ? `  (floor beside it: ${p.kind === "write" ? `${m.floor.rps.toFixed(0)}/s` : `p95 ${ms(m.floor.p95)}`})`
        : "";
      console.log(
        `  [${run.tag}] ${p.label.padEnd(36)} ${f.rps.toFixed(1).padStart(7)} req/s  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  p99 ${ms(f.p99)}  SQL ${st?.mode ?? "—"}${beside}${f.failures ? `  FAILURES ${f.failures} (${f.statuses})` : ""}`,
      );
      results[j]?.push({ path: p, statements: st, figures: f, floor: m.floor });
    }
  }
  const pace: [number, number] = [paceBefore, machinePace()];
  console.log(
    `  machine pace: a fixed loop took ${pace[0].toFixed(0)} ms before, ${pace[1].toFixed(0)} ms after`,
  );
  return runs.map((run, j) => ({
    engine: run.prepared.database.engine,
    patients: run.prepared.patients,
    loadSeconds: run.prepared.loadSeconds,
    driver: run.driver,
    results: results[j] ?? [],
    pace,
  }));
}

/** Starts a server on each prepared database, measures them together, and stops the servers. */
async function benchSizes(
  prepared: readonly Prepared[],
  opts: Options,
  only?: Path["kind"],
): Promise<SizeResult[]> {
  const runs: Running[] = [];
  const paceBefore = machinePace();
  try {
    for (const p of prepared) runs.push(await startSize(p, opts, only));
    return await measureSizes(runs, opts, paceBefore);
  } finally {
    for (const run of runs) await run.server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const ms = (n: number): string => (Number.isNaN(n) ? "—" : `${Math.round(n)} ms`);
const x = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "—");
const thousands = (n: number): string => n.toLocaleString("en-US");

/** The floor a path is compared with: the one measured beside it, or else the run's own. */
function floorOf(size: SizeResult, r: PathResult): Figures | null {
  if (r.floor) return r.floor;
  const kind = r.path.kind;
  const floorKind =
    kind === "api" || kind === "floor-api" ? "floor-api" : kind === "write" ? null : "floor-page";
  if (!floorKind) return size.driver;
  return size.results.find((q) => q.path.kind === floorKind)?.figures ?? null;
}

function sizeTable(size: SizeResult, opts: Options): string {
  const rows = [
    `| Path | Conns | req/s | p50 | p95 | p99 | Floor | Floor beside it | p95 ÷ floor p95 | SQL statements |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |`,
  ];
  for (const r of size.results) {
    const floor = floorOf(size, r);
    const floorName =
      r.path.kind === "write"
        ? "driver only"
        : r.path.kind.startsWith("floor")
          ? "—"
          : r.path.kind === "api"
            ? "/api/v1/me"
            : "/account";
    const ratio =
      r.path.kind === "write"
        ? floor && floor.rps > 0
          ? `${((100 * r.figures.rps) / floor.rps).toFixed(0)} % of driver req/s`
          : "—"
        : r.path.kind.startsWith("floor")
          ? "1.00×"
          : x(r.figures.p95 / (floor?.p95 ?? Number.NaN));
    const st = r.statements;
    const sqlCell = st
      ? st.min === st.max
        ? String(st.mode)
        : `${st.mode} (${st.min}–${st.max})`
      : "—";
    const besideCell = r.floor
      ? r.path.kind === "write"
        ? `${r.floor.rps.toFixed(1)} req/s`
        : `p95 ${ms(r.floor.p95)}`
      : "—";
    rows.push(
      `| ${r.path.label} | ${r.path.kind === "write" ? opts.writeConnections : opts.connections} | ${r.figures.rps.toFixed(1)} | ${ms(r.figures.p50)} | ${ms(r.figures.p95)} | ${ms(r.figures.p99)} | ${floorName} | ${besideCell} | ${ratio} | ${sqlCell} |`,
    );
  }
  rows.push(
    `| vitals transaction, driver only | ${opts.writeConnections} | ${size.driver.rps.toFixed(1)} | ${ms(size.driver.p50)} | ${ms(size.driver.p95)} | ${ms(size.driver.p99)} | — | — | — | — |`,
  );
  return rows.join("\n");
}

function growthTable(small: SizeResult, large: SizeResult): string {
  const rows = [
    `| Path | p95 at ${thousands(small.patients)} | p95 at ${thousands(large.patients)} | Growth | SQL at ${thousands(small.patients)} | SQL at ${thousands(large.patients)} |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const r of large.results) {
    const s = small.results.find((q) => q.path.key === r.path.key);
    if (!s) continue;
    rows.push(
      `| ${r.path.label} | ${ms(s.figures.p95)} | ${ms(r.figures.p95)} | ${x(r.figures.p95 / s.figures.p95)} | ${s.statements?.mode ?? "—"} | ${r.statements?.mode ?? "—"} |`,
    );
  }
  return rows.join("\n");
}

type Verdict = { budget: string; figure: string; pass: boolean };

function budgets(sizes: SizeResult[], pglite: SizeResult | null): Verdict[] {
  const verdicts: Verdict[] = [];
  const pg = sizes.filter((s) => s.engine === "postgres");
  const large = pg.at(-1);
  const small = pg.length > 1 ? pg[0] : undefined;
  // A failed request at any size (a signed-out cookie, say) would skew that size's figures.
  for (const size of pg) {
    for (const r of size.results) {
      if (r.figures.failures === 0) continue;
      verdicts.push({
        budget: `${r.path.label} (${thousands(size.patients)} patients): no failed request`,
        figure: `${r.figures.failures} failed (${r.figures.statuses})`,
        pass: false,
      });
    }
  }
  if (large) {
    for (const r of large.results) {
      const f = r.figures;
      const floor = floorOf(large, r);
      if (r.path.kind === "api" && floor) {
        verdicts.push({
          budget: `${r.path.label} p95 ≤ 2 × /api/v1/me p95`,
          figure: `${ms(f.p95)} vs ${ms(floor.p95)} (${x(f.p95 / floor.p95)})`,
          pass: f.p95 <= 2 * floor.p95,
        });
      }
      if (r.path.kind === "page" && floor) {
        verdicts.push({
          budget: `${r.path.label} p95 ≤ 2 × /account p95`,
          figure: `${ms(f.p95)} vs ${ms(floor.p95)} (${x(f.p95 / floor.p95)})`,
          pass: f.p95 <= 2 * floor.p95,
        });
      }
      if (r.path.kind === "write" && floor) {
        const share = f.rps / floor.rps;
        verdicts.push({
          budget: `vitals writes (${thousands(large.patients)} patients, PostgreSQL) ≥ 30 % of driver-only throughput, 0 errors`,
          figure: `${f.rps.toFixed(0)}/s vs ${floor.rps.toFixed(0)}/s (${(100 * share).toFixed(0)} %), ${f.failures} failed`,
          pass: share >= 0.3 && f.failures === 0,
        });
      }
    }
    if (small) {
      for (const r of large.results) {
        const s = small.results.find((q) => q.path.key === r.path.key);
        if (!s) continue;
        if (r.path.kind !== "write") {
          verdicts.push({
            budget: `${r.path.label} p95 at ${thousands(large.patients)} ≤ 1.25 × at ${thousands(small.patients)}`,
            figure: `${ms(r.figures.p95)} vs ${ms(s.figures.p95)} (${x(r.figures.p95 / s.figures.p95)})`,
            pass: r.figures.p95 <= 1.25 * s.figures.p95,
          });
        }
        verdicts.push({
          budget: `${r.path.label}: same SQL statements at both sizes`,
          figure: `${s.statements?.mode ?? "—"} and ${r.statements?.mode ?? "—"}`,
          pass: s.statements?.mode === r.statements?.mode,
        });
      }
    }
  }
  if (pglite) {
    const w = pglite.results.find((r) => r.path.kind === "write");
    if (w) {
      verdicts.push({
        budget: `vitals writes on PGlite ≥ 200/s, 0 errors`,
        figure: `${w.figures.rps.toFixed(0)}/s, ${w.figures.failures} failed`,
        pass: w.figures.rps >= 200 && w.figures.failures === 0,
      });
    }
  }
  return verdicts;
}

const paceLine = (size: SizeResult): string =>
  `Machine pace: a fixed loop took ${size.pace[0].toFixed(0)} ms before and ${size.pace[1].toFixed(0)} ms after the measurements of this engine's sizes, served together (lower is faster: compare runs by it).`;

function report(
  sizes: SizeResult[],
  pglite: SizeResult | null,
  opts: Options,
): { text: string; verdicts: Verdict[] } {
  const parts: string[] = [];
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  parts.push(
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores (${cpu}), Node ${process.version}; ` +
      `${opts.seconds} s per path after a ${opts.warmup} s warm-up, ${opts.connections} connections for reads and ${opts.writeConnections} for vitals writes.`,
  );
  for (const size of sizes) {
    parts.push(
      `\n### PostgreSQL 15, ${thousands(size.patients)} patients${size.loadSeconds ? ` (loaded in ${size.loadSeconds.toFixed(0)} s)` : ""}\n\n${paceLine(size)}\n\n${sizeTable(size, opts)}`,
    );
  }
  const small = sizes[0];
  const large = sizes.at(-1);
  if (small && large && small !== large) {
    parts.push(
      `\n### Growth from ${thousands(small.patients)} to ${thousands(large.patients)} patients\n\n${growthTable(small, large)}`,
    );
  }
  if (pglite) {
    parts.push(
      `\n### PGlite (embedded), ${thousands(pglite.patients)} patients, vitals writes\n\n${paceLine(pglite)}\n\n${sizeTable(pglite, opts)}`,
    );
  }
  const verdicts = budgets(sizes, pglite);
  parts.push(
    `\n### Budgets\n\n| Budget | Figure | Met |\n| --- | --- | --- |\n${verdicts.map((v) => `| ${v.budget} | ${v.figure} | ${v.pass ? "yes" : "**no**"} |`).join("\n")}`,
  );
  return { text: parts.join("\n"), verdicts };
}

const BEGIN = "<!-- bench:begin (written by npm run bench -- --write) -->";
const END = "<!-- bench:end -->";

function writeDoc(text: string): void {
  const file = path.join(ROOT, "docs", "performance.md");
  let doc = "";
  try {
    doc = readFileSync(file, "utf8");
  } catch {
    doc = `# Performance\n\n## Latest benchmark\n\n${BEGIN}\n${END}\n`;
  }
  const from = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (from < 0 || to < from)
    fail(`docs/performance.md has no ${BEGIN} … ${END} section to replace.`);
  writeFileSync(file, `${doc.slice(0, from + BEGIN.length)}\n${text}\n${doc.slice(to)}`);
  console.log(`\nWrote the tables to ${path.relative(ROOT, file)}.`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = options();
  ensureProductionBuild();
  // The embedded engine first: its driver-only writers run in this process, which later loads
  // and drops 20,000 patients' worth of PostgreSQL data; measured after that, the same build
  // gave 115 writes/s in one run and 190 in a run of the embedded part alone.
  let pglite: SizeResult | null = null;
  if (opts.pglitePatients > 0) {
    console.log(`\nLoading ${thousands(opts.pglitePatients)} patients into PGlite…`);
    const prepared = await preparePglite(opts.pglitePatients);
    [pglite = null] = await benchSizes([prepared], opts, "write");
  }
  let sizes: SizeResult[] = [];
  if (opts.databaseUrl) {
    const open: OpenOptions = { engine: "postgres", url: opts.databaseUrl, max: 10 };
    const n = await countPatients(open);
    const prepared: Prepared = {
      database: { engine: "postgres", url: opts.databaseUrl, open, stop: () => {} },
      patients: n,
      loadSeconds: null,
    };
    console.log(`Benchmarking the given database (${thousands(n)} patients).`);
    sizes = await benchSizes([prepared], opts);
  } else {
    // Every size loaded first, then measured together (see `interleaved`).
    const prepared: Prepared[] = [];
    try {
      for (const size of opts.sizes) {
        console.log(`\nLoading ${thousands(size)} patients into a throwaway PostgreSQL 15…`);
        prepared.push(await preparePostgres(size));
      }
      sizes = await benchSizes(prepared, opts);
    } finally {
      for (const p of prepared) p.database.stop();
    }
  }
  const { text, verdicts } = report(sizes, pglite, opts);
  console.log(`\n${text}`);
  if (opts.write) writeDoc(text);
  const missed = verdicts.filter((v) => !v.pass);
  console.log(
    missed.length === 0
      ? `\nAll ${verdicts.length} budgets met.`
      : `\n${missed.length} of ${verdicts.length} budgets missed:\n${missed.map((v) => `  - ${v.budget}: ${v.figure}`).join("\n")}`,
  );
  process.exit(missed.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
