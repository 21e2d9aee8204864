/**
 * `npm run bench:cluster -- [--minutes 2] [--connections 50] [--database-url postgres://…]
 *   [--warmup 30] [--warmup-max 120]`
 *
 * Two `next start` servers on one PostgreSQL behind nginx (Debian's package, run as the current
 * user on 127.0.0.1 with a generated configuration in a temporary directory):
 * 1. both servers start at the same moment on an empty database, so they migrate it together
 *    (the migration lock in db/client.ts must make one wait for the other);
 * 2. checks that nothing lives in one server's memory: a sign-in on A is valid on B, a
 *    sign-out on A is refused on B, failed sign-ins alternating between A and B lock the
 *    account for both, and one Idempotency-Key sent to A and B stores one reading;
 * 3. the soak (scripts/reliability/soak-run.ts) against server A alone, then through nginx
 *    against both, with the same mix, connections and duration; throughput and latencies side
 *    by side.
 * Every process started here is stopped on the way out. Exit 0 only when every check and both
 * soaks pass; 2 when nginx is missing or the arguments are wrong.
 */
import { randomUUID } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type DbHandle } from "../../db/client";
import { users, userSessions, vitals } from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoClinic } from "../../db/seed/demo-clinic";
import { MAX_FAILED_SIGN_INS } from "../../lib/auth/sign-in";
import { startPostgres } from "../../test/postgres-server";
import {
  CLINIC_TZ,
  ROOT,
  ensureProductionBuild,
  healthy,
  listeningPid,
  newAuthSecret,
  normalVitals,
  onCleanup,
  pickPort,
  signIn,
  signInWith,
  signOut,
  sleep,
  startApp,
  vitalsTargets,
  type AppServer,
  type Database,
} from "../reliability/harness";
import { fmt, ms, runSoak, type SoakResult } from "../reliability/soak-run";

const USAGE =
  "Usage: npm run bench:cluster -- [--minutes 2] [--connections 50] [--database-url postgres://…] [--warmup 30] [--warmup-max 120] [--nginx /path/to/nginx]";
/** This script's share of the shared machine's ports: app servers and nginx. */
const PORTS = { from: 3600, to: 3649 };
const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx"];

type Options = {
  minutes: number;
  connections: number;
  databaseUrl: string | null;
  warmupSeconds: number;
  warmupMaxSeconds: number;
  nginx: string | null;
};

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "2" },
      connections: { type: "string", default: "50" },
      "database-url": { type: "string" },
      warmup: { type: "string", default: "30" },
      "warmup-max": { type: "string", default: "120" },
      nginx: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const minutes = Number(values.minutes);
  const connections = Number(values.connections);
  const warmupSeconds = Number(values.warmup);
  const warmupMaxSeconds = Math.max(warmupSeconds, Number(values["warmup-max"]));
  const databaseUrl = values["database-url"] ?? null;
  if (!(minutes > 0)) usage("--minutes must be a positive number.");
  if (!Number.isInteger(connections) || connections < 5) {
    usage("--connections must be a whole number, at least 5 (one per kind of request).");
  }
  if (!(warmupSeconds >= 0) || !Number.isFinite(warmupMaxSeconds)) {
    usage("--warmup and --warmup-max are seconds, 0 or more.");
  }
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    usage("--database-url must start with postgres:// or postgresql://.");
  }
  return {
    minutes,
    connections,
    databaseUrl,
    warmupSeconds,
    warmupMaxSeconds,
    nginx: values.nginx ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// nginx.

function findNginx(given: string | null): string | null {
  const onPath = (process.env.PATH ?? "").split(":").map((dir) => path.join(dir, "nginx"));
  for (const candidate of given ? [given] : [...onPath, ...NGINX_CANDIDATES]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/**
 * The whole configuration: everything nginx writes (pid, logs, temporary files) is under
 * `dir`, it listens on loopback only, keeps connections to the servers open, and tells them who
 * the client is. It appends the client's address as it saw it to X-Forwarded-For, so the right-
 * most entry is the one nobody can forge and the servers need KAPSTONE_TRUSTED_PROXIES=0.
 */
function nginxConfig(dir: string, port: number, upstreams: readonly number[]): string {
  const at = (name: string): string => path.join(dir, name);
  return `# Generated by scripts/perf/cluster.ts for one benchmark run.
daemon off;
worker_processes 1;
pid ${at("nginx.pid")};
error_log ${at("error.log")} warn;

events {
  worker_connections 1024;
}

http {
  access_log ${at("access.log")} combined buffer=64k flush=5s;
  client_body_temp_path ${at("client_body")};
  proxy_temp_path ${at("proxy")};
  fastcgi_temp_path ${at("fastcgi")};
  uwsgi_temp_path ${at("uwsgi")};
  scgi_temp_path ${at("scgi")};

  upstream kapstone {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
    keepalive 64;
  }

  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    client_max_body_size 1m;

    location / {
      proxy_pass http://kapstone;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_read_timeout 60s;
      # Which server answered: the balance check reads it.
      add_header X-Kapstone-Upstream $upstream_addr always;
    }
  }
}
`;
}

type Nginx = { url: string; pid: number; dir: string; stop: () => void };

async function startNginx(binary: string, port: number, upstreams: number[]): Promise<Nginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kapstone-nginx-"));
  // As root nginx hands its workers to an unprivileged user, who must reach the temp paths.
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, nginxConfig(dir, port, upstreams));
  // -e: nginx opens its error log before it reads the configuration; not the system one.
  const args = ["-e", path.join(dir, "error.log"), "-p", dir, "-c", conf];
  const test = spawnSync(binary, ["-t", "-q", ...args], { encoding: "utf8" });
  if (test.status !== 0) {
    throw new Error(`nginx refused the generated configuration ${conf}:\n${test.stderr}`);
  }
  const out = openSync(path.join(dir, "nginx.out"), "a");
  const child = spawn(binary, args, {
    detached: true,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error("nginx could not be spawned");
  let gone = false;
  child.once("exit", () => (gone = true));
  const stop = (): void => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await healthy(url, 2_000))) {
    if (gone || Date.now() > deadline) {
      let log = "";
      try {
        log = readFileSync(path.join(dir, "error.log"), "utf8");
      } catch {
        // No log yet.
      }
      throw new Error(`nginx did not come up on ${url}.\n${log}`);
    }
    await sleep(100);
  }
  return { url, pid, dir, stop };
}

// ---------------------------------------------------------------------------------------------
// The database: a throwaway PostgreSQL left empty for the servers to migrate, or the one given.

async function seedAfterStart(url: string): Promise<void> {
  const handle = await openDatabase({ engine: "postgres", url, max: 1 });
  try {
    await migrateDatabase(handle); // Nothing left to do: the servers did it.
    await seedDemoClinic(handle.db, { now: new Date(), timeZone: CLINIC_TZ });
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Cross-server checks.

type Check = { name: string; pass: boolean; detail: string };

async function status(url: string, cookie: string, pathname = "/api/v1/patients"): Promise<number> {
  const res = await fetch(`${url}${pathname}`, { headers: { cookie } });
  await res.body?.cancel();
  return res.status;
}

async function checkBalance(nginx: string, a: AppServer, b: AppServer): Promise<Check> {
  const seen = new Map<string, number>();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${nginx}/api/health`);
    await res.body?.cancel();
    const upstream = res.headers.get("x-kapstone-upstream") ?? "?";
    seen.set(upstream, (seen.get(upstream) ?? 0) + 1);
  }
  const want = [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`];
  return {
    name: "nginx spreads requests over both servers",
    pass: want.every((u) => (seen.get(u) ?? 0) > 0),
    detail: [...seen].map(([u, n]) => `${u}×${n}`).join(", "),
  };
}

async function checkSignInAcross(nginx: string, a: AppServer, b: AppServer): Promise<Check> {
  const cookie = await signIn(a.url, "psychiatrist");
  const onB = await status(b.url, cookie);
  const viaNginx = await status(nginx, cookie);
  return {
    name: "a sign-in on A is valid on B and through nginx",
    pass: onB === 200 && viaNginx === 200,
    detail: `B ${onB}, nginx ${viaNginx}`,
  };
}

async function checkSignOutAcross(nginx: string, a: AppServer, b: AppServer): Promise<Check> {
  const cookie = await signIn(a.url, "psychiatrist");
  const before = await status(b.url, cookie);
  const out = await signOut(a.url, cookie);
  const onB = await status(b.url, cookie);
  const onA = await status(a.url, cookie);
  const viaNginx = await status(nginx, cookie);
  return {
    name: "a sign-out on A is refused on B (the same cookie, server-side session)",
    pass: before === 200 && out === 200 && onB === 401 && onA === 401 && viaNginx === 401,
    detail: `before ${before}; sign-out ${out}; then B ${onB}, A ${onA}, nginx ${viaNginx}`,
  };
}

async function checkLockout(
  handle: DbHandle,
  nginx: string,
  a: AppServer,
  b: AppServer,
): Promise<Check> {
  const account = DEMO_ACCOUNTS.find((x) => x.role === "admin");
  if (!account) throw new Error("no admin demo account");
  const row = async () =>
    (
      await handle.db
        .select({ failed: users.failedLoginCount, lockedUntil: users.lockedUntil })
        .from(users)
        .where(eq(users.email, account.email))
    )[0];
  const unlock = () =>
    handle.db
      .update(users)
      .set({ failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null })
      .where(eq(users.email, account.email));
  await unlock();
  const steps: string[] = [];
  try {
    // Straight to A and B, each attempt from its own documentation-range address, so that the
    // per-address throttle (20 failures from one address) never comes into play here.
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      const server = i % 2 === 0 ? a : b;
      const cookie = await signInWith(server.url, account.email, `wrong-${i}`, {
        "x-forwarded-for": `203.0.113.${10 + i}`,
      });
      const after = await row();
      steps.push(
        `${server === a ? "A" : "B"}:${cookie ? "signed-in?!" : "refused"}→${after?.lockedUntil ? "locked" : String(after?.failed)}`,
      );
    }
    const counted = steps.every((s, i) =>
      s.endsWith(i === MAX_FAILED_SIGN_INS - 1 ? "→locked" : `→${i + 1}`),
    );
    // The right password is now refused everywhere.
    const right = async (url: string, from: string) =>
      (await signInWith(url, account.email, DEMO_PASSWORD, { "x-forwarded-for": from })) === null
        ? "refused"
        : "signed in";
    const onA = await right(a.url, "203.0.113.40");
    const onB = await right(b.url, "203.0.113.41");
    const viaNginx = await right(nginx, "203.0.113.42");
    return {
      name: `failed sign-ins alternating A/B lock the account after ${MAX_FAILED_SIGN_INS}, for both`,
      pass: counted && onA === "refused" && onB === "refused" && viaNginx === "refused",
      detail: `${steps.join(" ")}; right password then: A ${onA}, B ${onB}, nginx ${viaNginx}`,
    };
  } finally {
    // The account is the demo admin: leave it usable.
    await unlock();
  }
}

async function checkIdempotency(handle: DbHandle, a: AppServer, b: AppServer): Promise<Check[]> {
  const nurse = await signIn(a.url, "nurse");
  const { ids } = await vitalsTargets(a.url, nurse, 1);
  const session = ids[0];
  if (!session) throw new Error("no session accepts vitals");
  const post = async (server: AppServer, key: string, body: string) => {
    const res = await fetch(`${server.url}/api/v1/sessions/${session}/vitals`, {
      method: "POST",
      headers: { cookie: nurse, "content-type": "application/json", "idempotency-key": key },
      body,
    });
    return {
      status: res.status,
      replayed: res.headers.get("idempotent-replayed") === "true",
      body: await res.text(),
    };
  };
  const rows = async (key: string) =>
    (
      await handle.db
        .select({ n: count() })
        .from(vitals)
        .where(and(eq(vitals.sessionId, session), eq(vitals.idempotencyKey, key)))
    )[0]?.n ?? 0;

  const key = randomUUID();
  const body = JSON.stringify(normalVitals());
  const first = await post(a, key, body);
  const second = await post(b, key, body);
  const stored = await rows(key);
  const inTurn: Check = {
    name: "one Idempotency-Key sent to A then B stores one reading, same answer",
    pass:
      first.status === 201 &&
      second.status === 201 &&
      !first.replayed &&
      second.replayed &&
      first.body === second.body &&
      stored === 1,
    detail: `A ${first.status}, B ${second.status}${second.replayed ? " (replayed)" : ""}, answers ${first.body === second.body ? "identical" : "differ"}, rows ${stored}`,
  };

  const together = randomUUID();
  const sameBody = JSON.stringify(normalVitals());
  const both = await Promise.all([post(a, together, sameBody), post(b, together, sameBody)]);
  const storedTogether = await rows(together);
  const atOnce: Check = {
    name: "one Idempotency-Key sent to A and B at the same moment stores one reading",
    pass:
      both.every((r) => r.status === 201) &&
      both[0]?.body === both[1]?.body &&
      both.filter((r) => r.replayed).length === 1 &&
      storedTogether === 1,
    detail: `A ${both[0]?.status}, B ${both[1]?.status}, replayed ${both.filter((r) => r.replayed).length}, answers ${both[0]?.body === both[1]?.body ? "identical" : "differ"}, rows ${storedTogether}`,
  };
  return [inTurn, atOnce];
}

async function checkClientAddress(handle: DbHandle, nginx: string): Promise<Check> {
  const account = DEMO_ACCOUNTS.find((x) => x.role === "nurse");
  if (!account) throw new Error("no nurse demo account");
  const forged = "198.51.100.77";
  const cookie = await signInWith(nginx, account.email, DEMO_PASSWORD, {
    "x-forwarded-for": forged,
  });
  const [latest] = await handle.db
    .select({ address: userSessions.requestAddress })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(eq(users.email, account.email))
    .orderBy(desc(userSessions.createdAt))
    .limit(1);
  return {
    name: "through nginx the client address is nginx's view, not a forged X-Forwarded-For",
    pass: cookie !== null && latest?.address === "127.0.0.1",
    detail: `sent X-Forwarded-For ${forged}; recorded ${latest?.address ?? "nothing"}`,
  };
}

// ---------------------------------------------------------------------------------------------

function serverPid(server: AppServer): number {
  // The process that holds the port, in case `next start` serves from a child.
  return listeningPid(server.port) ?? server.pid;
}

function sideBySide(single: SoakResult, cluster: SoakResult): void {
  const rows: [string, string, string][] = [
    ["requests", fmt(single.requests), fmt(cluster.requests)],
    [
      "throughput",
      `${single.throughput.toFixed(1)} req/s`,
      `${cluster.throughput.toFixed(1)} req/s`,
    ],
    ["latency p50", ms(single.p50), ms(cluster.p50)],
    ["latency p95", ms(single.p95), ms(cluster.p95)],
    ["latency p99", ms(single.p99), ms(cluster.p99)],
    ["non-2xx", fmt(single.non2xx), fmt(cluster.non2xx)],
    ["errors (incl. timeouts)", fmt(single.errors), fmt(cluster.errors)],
    [
      "app servers' CPU",
      single.cpuCores === null ? "—" : `${single.cpuCores.toFixed(2)} cores`,
      cluster.cpuCores === null ? "—" : `${cluster.cpuCores.toFixed(2)} cores`,
    ],
    [
      "machine CPU busy",
      single.machineBusy === null ? "—" : `${Math.round(single.machineBusy * 100)} %`,
      cluster.machineBusy === null ? "—" : `${Math.round(cluster.machineBusy * 100)} %`,
    ],
    [
      "load generator CPU",
      `${single.loadGenCores.toFixed(2)} cores`,
      `${cluster.loadGenCores.toFixed(2)} cores`,
    ],
    [
      "result",
      single.problems.length === 0 ? "PASS" : "FAIL",
      cluster.problems.length === 0 ? "PASS" : "FAIL",
    ],
  ];
  console.log("\n=== One server vs two behind nginx (same mix, connections and duration) ===");
  console.log(`${"".padEnd(24)} ${"A alone".padStart(16)} ${"nginx → A + B".padStart(16)}`);
  for (const [label, one, two] of rows) {
    console.log(`${label.padEnd(24)} ${one.padStart(16)} ${two.padStart(16)}`);
  }
  const ratio = cluster.throughput / single.throughput;
  console.log(`${"throughput ratio".padEnd(24)} ${`${ratio.toFixed(2)}×`.padStart(33)}`);
  console.log(
    `\nnote: ${os.cpus().length} cores, shared by both app servers, nginx, PostgreSQL and the load generator (autocannon, in this process) — and with whatever else runs on this machine (load average ${os.loadavg()[0]?.toFixed(1)} now). Two servers can at most add the cores left idle by one, so the ratio is not a measure of how Kapstone scales on real hardware; compare the CPU rows to see what each run was given (machine CPU busy near 100 % means the cores were the limit). Figures vary from run to run.`,
  );
}

async function main(): Promise<void> {
  const opts = options();
  const nginxBinary = findNginx(opts.nginx);
  if (!nginxBinary) {
    const what = opts.nginx ? `${opts.nginx} is not an executable nginx` : "nginx is not installed";
    console.error(
      [
        `${what}. Install Debian's package, then run this again:`,
        "",
        "  sudo apt-get install -y nginx",
        "",
        "This script runs nginx itself, as you, on 127.0.0.1 only; the system service is not",
        "needed (`sudo systemctl disable --now nginx` if you do not want it running).",
      ].join("\n"),
    );
    process.exit(2);
  }

  ensureProductionBuild();
  const started = performance.now();

  let database: Database & { engine: "postgres" };
  let fresh = false;
  if (opts.databaseUrl) {
    database = {
      engine: "postgres",
      url: opts.databaseUrl,
      open: { engine: "postgres", url: opts.databaseUrl, max: 2 },
      stop: () => {},
    };
  } else {
    const server = await startPostgres();
    const stop = (): void => server.stop();
    onCleanup(stop);
    database = {
      engine: "postgres",
      url: server.url,
      open: { engine: "postgres", url: server.url },
      stop,
    };
    fresh = true;
  }

  const portA = await pickPort(PORTS.from, PORTS.to);
  const portB = await pickPort(portA + 1, PORTS.to);
  const portNginx = await pickPort(portB + 1, PORTS.to);
  const publicUrl = `http://127.0.0.1:${portNginx}`;
  const authSecret = newAuthSecret();
  const logs = path.join(ROOT, ".data", "bench-cluster");
  mkdirSync(logs, { recursive: true });
  const logA = path.join(logs, "server-a.log");
  const logB = path.join(logs, "server-b.log");
  writeFileSync(logA, "");
  writeFileSync(logB, "");

  // Both at once, on one database that (when throwaway) is still empty: they migrate together.
  // Sign-in links point at nginx; one nginx in front appends the client's address as it saw
  // it, so no proxy entry is skipped (see lib/config.ts).
  const env = { NEXTAUTH_URL: publicUrl, KAPSTONE_TRUSTED_PROXIES: "0" };
  const common = { database, authSecret, env };
  const [a, b] = await Promise.all([
    startApp({ ...common, port: portA, logFile: logA }),
    startApp({ ...common, port: portB, logFile: logB }),
  ]);
  console.log(
    `servers A (pid ${a.pid}) on ${a.url} and B (pid ${b.pid}) on ${b.url} started together on ${fresh ? "an empty throwaway PostgreSQL 15 (each migrates on start)" : "the given PostgreSQL"} (logs: ${path.relative(ROOT, logs)}/)`,
  );
  if (fresh) await seedAfterStart(database.url);

  const nginx = await startNginx(nginxBinary, portNginx, [portA, portB]);
  console.log(
    `nginx (pid ${nginx.pid}, ${nginxBinary}) on ${nginx.url} → A + B; config ${path.join(nginx.dir, "nginx.conf")}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const handle = await openDatabase({ engine: "postgres", url: database.url, max: 2 });
  const checks: Check[] = [];
  try {
    const applied = (await handle.db.execute(
      sql`select created_at from drizzle.__drizzle_migrations`,
    )) as unknown as { created_at: string }[];
    const distinct = new Set(applied.map((m) => m.created_at)).size;
    checks.push({
      name: "the migrations were applied once, though both servers started on it together",
      pass: applied.length > 0 && distinct === applied.length,
      detail: `${applied.length} recorded, ${distinct} distinct`,
    });
    checks.push(await checkBalance(nginx.url, a, b));
    checks.push(await checkSignInAcross(nginx.url, a, b));
    checks.push(await checkSignOutAcross(nginx.url, a, b));
    checks.push(await checkLockout(handle, nginx.url, a, b));
    checks.push(...(await checkIdempotency(handle, a, b)));
    checks.push(await checkClientAddress(handle, nginx.url));
  } finally {
    await handle.close();
  }
  console.log("\n=== Cross-server checks ===");
  for (const check of checks) {
    console.log(`${check.pass ? "PASS" : "FAIL"}  ${check.name}\n      ${check.detail}`);
  }

  const exited =
    (...servers: [string, AppServer][]) =>
    () => {
      const down = servers.filter(([, s]) => s.exitStatus() !== null);
      return down.length === 0
        ? null
        : down
            .map(
              ([name, s]) =>
                `server ${name} (pid ${s.pid}) exited during the run: ${s.exitStatus()}`,
            )
            .join("; ");
    };
  const soak = {
    minutes: opts.minutes,
    connections: opts.connections,
    warmupSeconds: opts.warmupSeconds,
    warmupMaxSeconds: opts.warmupMaxSeconds,
  };
  // One server first: whatever the first run leaves in the database (a few thousand readings)
  // then weighs on the cluster's run, not in its favour.
  console.log("\n\n##### Soak 1 of 2: server A alone (B idle, nginx not involved) #####");
  const single = await runSoak({
    ...soak,
    url: a.url,
    pids: [serverPid(a)],
    label: "server A alone",
    exited: exited(["A", a]),
  });
  console.log("\n\n##### Soak 2 of 2: through nginx, servers A and B #####");
  const cluster = await runSoak({
    ...soak,
    url: nginx.url,
    pids: [serverPid(a), serverPid(b)],
    label: "nginx → A + B",
    exited: exited(["A", a], ["B", b]),
  });

  console.log("\n=== Cross-server checks (summary) ===");
  for (const check of checks) console.log(`${check.pass ? "PASS" : "FAIL"}  ${check.name}`);
  sideBySide(single, cluster);

  nginx.stop();
  await Promise.all([a.stop(), b.stop()]);
  database.stop();

  const failed = [
    ...checks.filter((c) => !c.pass).map((c) => `check failed: ${c.name}`),
    ...single.problems.map((p) => `soak on A alone: ${p}`),
    ...cluster.problems.map((p) => `soak through nginx: ${p}`),
  ];
  console.log(`\nresult: ${failed.length === 0 ? "PASS" : `FAIL\n  ${failed.join("\n  ")}`}`);
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(
    `\nbench:cluster failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
