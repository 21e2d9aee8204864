/**
 * Shared plumbing of the reliability scripts (crash and soak): a production build, a seeded
 * database (embedded PGlite in a directory, or a throwaway PostgreSQL 15), `next start` on a
 * port, sign-in as a demo account, the server's resident memory, and the clean-up of every
 * process started here — on a normal exit, an error and Ctrl-C alike.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { migrateDatabase, openDatabase, type OpenOptions } from "../../db/client";
import type { Role } from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoClinic } from "../../db/seed/demo-clinic";
import { startPostgres, type PostgresServer } from "../../test/postgres-server";
import { productionBuildState } from "../production-build.mjs";
import { withServerNodeOptions } from "../server-options.mjs";

export const ROOT = process.cwd();
export const CLINIC_TZ = process.env.CLINIC_TZ ?? "America/New_York";
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

// ---------------------------------------------------------------------------------------------
// Clean-up: every process started here is registered and killed on the way out.

const cleanups: (() => void)[] = [];

/** Registers a synchronous clean-up step; returns a function that unregisters it. */
export function onCleanup(step: () => void): () => void {
  cleanups.push(step);
  return () => {
    const at = cleanups.indexOf(step);
    if (at >= 0) cleanups.splice(at, 1);
  };
}

function runCleanups(): void {
  for (let step = cleanups.pop(); step; step = cleanups.pop()) {
    try {
      step();
    } catch {
      // Best effort: one failed step must not leave the others undone.
    }
  }
}

process.on("exit", runCleanups);
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every server started by this script.`);
    runCleanups();
    process.exit(code);
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function fail(message: string): never {
  console.error(`\n${message}`);
  process.exit(1);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** A normal, plausible bedside reading (see lib/clinical/vitals.ts for what is accepted). */
export function normalVitals(): {
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2: number;
} {
  return {
    systolic: randomInt(120, 135),
    diastolic: randomInt(75, 85),
    heartRate: randomInt(70, 90),
    spo2: randomInt(97, 99),
  };
}

/**
 * A plausible but raised reading (a transient rise after a ketamine dose): it fires `bp-high`,
 * so the write also stores an alert.
 */
export function raisedVitals(): ReturnType<typeof normalVitals> {
  return { ...normalVitals(), systolic: randomInt(160, 170), diastolic: randomInt(90, 99) };
}

// ---------------------------------------------------------------------------------------------
// The production build.

/** Builds the production bundle when it is missing or older than the sources, as `npm start` does. */
export function ensureProductionBuild(): void {
  const state = productionBuildState(ROOT);
  if (state === "fresh") return;
  console.log(
    state === "missing"
      ? "No production build (.next/BUILD_ID missing): running `next build` first (about a minute)…"
      : "The production build is older than the sources: running `next build` first (about a minute)…",
  );
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) fail("`next build` failed; the reliability scripts need a build.");
}

// ---------------------------------------------------------------------------------------------
// Ports: this machine is shared, so the scripts stay inside 3300–3399.

function portFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function pickPort(from = 3300, to = 3399): Promise<number> {
  for (let port = from; port <= to; port++) {
    if ((await portFree(port, "127.0.0.1")) && (await portFree(port))) return port;
  }
  throw new Error(`No free port between ${from} and ${to}.`);
}

// ---------------------------------------------------------------------------------------------
// Databases.

export type Database =
  | { engine: "pglite"; dataDir: string; open: OpenOptions; stop: () => void }
  | { engine: "postgres"; url: string; open: OpenOptions; stop: () => void };

/** Migrates the database and loads the demo clinic as of now, as `npm run db:seed` does. */
async function seed(options: OpenOptions): Promise<void> {
  const handle = await openDatabase(
    options.engine === "postgres" ? { ...options, max: 1 } : options,
  );
  try {
    await migrateDatabase(handle);
    await seedDemoClinic(handle.db, { now: new Date(), timeZone: CLINIC_TZ });
  } finally {
    await handle.close();
  }
}

/**
 * A fresh, seeded embedded database in `dir` (relative to the worktree; under .data, which git
 * ignores). The directory is the Kapstone data dir: the PGlite files live in `dir/pglite`.
 */
export async function prepareEmbedded(dir: string): Promise<Database & { engine: "pglite" }> {
  const dataDir = path.resolve(ROOT, dir);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const pglite = path.join(dataDir, "pglite");
  const open: OpenOptions = { engine: "pglite", dataDir: pglite };
  await seed(open);
  return { engine: "pglite", dataDir, open, stop: () => {} };
}

/** A throwaway PostgreSQL 15 (test/postgres-server.ts), migrated and seeded. */
export async function preparePostgres(): Promise<Database & { engine: "postgres" }> {
  let server: PostgresServer | undefined;
  server = await startPostgres();
  const stop = (): void => {
    server?.stop();
    server = undefined;
  };
  const unregister = onCleanup(stop);
  const url = server.url;
  await seed({ engine: "postgres", url });
  return {
    engine: "postgres",
    url,
    open: { engine: "postgres", url, max: 2 },
    stop: () => {
      unregister();
      stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The app server.

export type AppServer = {
  pid: number;
  port: number;
  url: string;
  /** Resolves with the exit code (or signal name) once the server process has gone. */
  exited: Promise<number | string>;
  /** The exit code or signal name if the process has gone, else null. */
  exitStatus: () => number | string | null;
  /** Sends a signal to the server's whole process group. */
  signal: (signal: NodeJS.Signals) => void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has gone. */
  stop: (graceMs?: number) => Promise<void>;
};

export type AppOptions = {
  database: Database;
  port: number;
  authSecret: string;
  /** Server output is appended here (several starts of one server share the file). */
  logFile: string;
  healthTimeoutMs?: number;
  /** Extra environment for the server (KAPSTONE_SQL_STATS=1 for the benchmark, say). */
  env?: Record<string, string>;
};

export function newAuthSecret(): string {
  return randomBytes(32).toString("base64url");
}

function appEnv(options: AppOptions): NodeJS.ProcessEnv {
  const { database, port } = options;
  const inherited = withServerNodeOptions({ ...process.env });
  // Set here or not at all: an inherited value would override or clash with ours.
  delete inherited.NEXTAUTH_SECRET;
  return {
    ...inherited,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: options.authSecret,
    CLINIC_TZ,
    DATABASE_URL: database.engine === "postgres" ? database.url : "",
    KAPSTONE_DATA_DIR: database.engine === "pglite" ? database.dataDir : path.join(ROOT, ".data"),
    ...options.env,
  };
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Starts `next start` as the leader of its own process group (so that SIGKILL reaches the real
 * node server, not a wrapper) and waits until /api/health answers ok.
 */
export async function startApp(options: AppOptions): Promise<AppServer> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = openSync(options.logFile, "a");
  const child = spawn(
    process.execPath,
    [NEXT_BIN, "start", "-p", String(options.port), "-H", "127.0.0.1"],
    { cwd: ROOT, env: appEnv(options), detached: true, stdio: ["ignore", out, out] },
  );
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error("next start could not be spawned");
  let gone = false;
  let status: number | string | null = null;
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      gone = true;
      status = code ?? signal ?? "unknown";
      resolve(status);
    });
  });
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      // Already gone.
    }
  };
  const unregister = onCleanup(() => signal("SIGKILL"));
  const stop = async (graceMs = 10_000): Promise<void> => {
    if (!gone) {
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }
    // Anything else left in the group (there should be nothing).
    signal("SIGKILL");
    unregister();
  };
  const url = `http://127.0.0.1:${options.port}`;
  const server: AppServer = {
    pid,
    port: options.port,
    url,
    exited,
    exitStatus: () => status,
    signal,
    stop,
  };

  const deadline = Date.now() + (options.healthTimeoutMs ?? 120_000);
  for (;;) {
    if (gone) {
      throw new Error(
        `next start exited before it was healthy (${await exited}). Last lines of ${options.logFile}:\n${tail(options.logFile)}`,
      );
    }
    if (await healthy(url)) return server;
    if (Date.now() > deadline) {
      await stop(2_000);
      throw new Error(
        `next start did not answer /api/health within ${(options.healthTimeoutMs ?? 120_000) / 1000} s. Last lines of ${options.logFile}:\n${tail(options.logFile)}`,
      );
    }
    await sleep(100);
  }
}

/** True when /api/health answers ok. The timeout is generous: under load the check queues too. */
export async function healthy(url: string, timeoutMs = 10_000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.status !== 200) {
      await res.body?.cancel();
      return false;
    }
    const body = (await res.json()) as { status?: string };
    return body.status === "ok";
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Sign-in (next-auth credentials, JWT cookie).

function setCookies(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (!pair || eq <= 0) continue;
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>): string =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/**
 * Signs in with the credentials form as a browser does; returns the Cookie header that carries
 * the session, or null when the sign-in was refused. `headers` are added to both requests.
 */
export async function signInWith(
  url: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string | null> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers });
  setCookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf gave no csrfToken");
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  setCookies(res, jar);
  await res.body?.cancel();
  const session = [...jar].filter(([name]) => name.startsWith("next-auth.session-token"));
  return session.length === 0 ? null : cookieHeader(new Map(session));
}

/** Signs in as the demo account of `role`; returns the Cookie header that carries the session. */
export async function signIn(url: string, role: Role): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`No demo account with role ${role}`);
  const cookie = await signInWith(url, account.email, DEMO_PASSWORD);
  if (!cookie) throw new Error(`Sign-in as ${account.email} failed (no session cookie)`);
  return cookie;
}

/** Signs out the session of `cookie` as the sign-out button does (next-auth, with its CSRF token). */
export async function signOut(url: string, cookie: string): Promise<number> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: { cookie } });
  setCookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf gave no csrfToken");
  const res = await fetch(`${url}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [cookie, cookieHeader(jar)].filter(Boolean).join("; "),
    },
    body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
  });
  await res.body?.cancel();
  return res.status;
}

// ---------------------------------------------------------------------------------------------
// Sessions that accept vitals.

type SessionSummary = {
  id: string;
  status: string;
  kind: string;
  patientId: string;
  scheduledStart: string;
};

const ACCEPTS_VITALS = new Set(["checked_in", "in_progress"]);

/** Today's sessions as the API lists them (GET /api/v1/sessions, today in the clinic's zone). */
export async function todaysSessions(url: string, cookie: string): Promise<SessionSummary[]> {
  const res = await fetch(`${url}/api/v1/sessions`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET /api/v1/sessions answered ${res.status}`);
  const body = (await res.json()) as { data: SessionSummary[] };
  return body.data;
}

/**
 * Today's sessions that accept vitals (checked in or in progress). When there are fewer than
 * `want`, scheduled sessions of today are checked in through the API until there are enough.
 */
export async function vitalsTargets(
  url: string,
  cookie: string,
  want: number,
): Promise<{ ids: string[]; checkedIn: number; sessions: SessionSummary[] }> {
  const sessions = await todaysSessions(url, cookie);
  const ids = sessions.filter((s) => ACCEPTS_VITALS.has(s.status)).map((s) => s.id);
  let checkedIn = 0;
  for (const s of sessions) {
    if (ids.length >= want) break;
    if (s.status !== "scheduled") continue;
    const res = await fetch(`${url}/api/v1/sessions/${s.id}/check-in`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({
        identityConfirmed: true,
        fastingConfirmed: true,
        rideHomeConfirmed: true,
      }),
    });
    await res.body?.cancel();
    if (res.status === 200 || res.status === 201) {
      ids.push(s.id);
      checkedIn++;
    }
  }
  if (ids.length === 0)
    throw new Error("No session of today accepts vitals, and none could be checked in.");
  return { ids, checkedIn, sessions };
}

// ---------------------------------------------------------------------------------------------
// Memory.

/** Resident set size of a process in KiB (VmRSS of /proc/<pid>/status), or null if gone. */
export function rssKb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

let clockTicks: number | undefined;

/** CPU seconds (user + system) a process has used so far (from /proc/<pid>/stat), or null. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    clockTicks ??= Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

export const mib = (kb: number): string => `${(kb / 1024).toFixed(1)} MiB`;

/** The pid of the local process listening on a TCP port (from /proc), or null. */
export function listeningPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      // State 0A is LISTEN.
      if (!local || cols[3] !== "0A") continue;
      const hexPort = local.split(":").at(-1);
      if (hexPort && parseInt(hexPort, 16) === port && cols[9]) inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // The fd closed meanwhile.
      }
    }
  }
  return null;
}
