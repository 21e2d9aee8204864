/**
 * `npm run soak -- [--minutes 10] [--connections 50] [--url http://host:port] [--pid N]
 *   [--engine postgres|pglite] [--warmup 30] [--warmup-max 180]`
 *
 * Sustained mixed traffic against one production server (the mix and the checks are in
 * soak-run.ts): no errors, and resident memory must not grow by more than 10 % after a warm-up.
 * Without --url it starts a throwaway PostgreSQL with the demo clinic and `next start` itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  ROOT,
  ensureProductionBuild,
  listeningPid,
  newAuthSecret,
  pickPort,
  prepareEmbedded,
  preparePostgres,
  startApp,
  type AppServer,
  type Database,
} from "./harness";
import { runSoak } from "./soak-run";

const USAGE =
  "Usage: npm run soak -- [--minutes 10] [--connections 50] [--url http://host:port] [--pid N] [--engine postgres|pglite] [--warmup 30] [--warmup-max 180]";

type Options = {
  minutes: number;
  connections: number;
  url: string | null;
  pid: number | null;
  engine: "postgres" | "pglite";
  warmupSeconds: number;
  warmupMaxSeconds: number;
};

function options(): Options {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      url: { type: "string" },
      pid: { type: "string" },
      engine: { type: "string", default: "postgres" },
      warmup: { type: "string", default: "30" },
      "warmup-max": { type: "string", default: "180" },
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
  const pid = values.pid === undefined ? null : Number(values.pid);
  const engine = values.engine;
  if (
    !(minutes > 0) ||
    !Number.isInteger(connections) ||
    connections < 5 ||
    !(warmupSeconds >= 0) ||
    !Number.isFinite(warmupMaxSeconds) ||
    (pid !== null && !Number.isInteger(pid)) ||
    (engine !== "postgres" && engine !== "pglite")
  ) {
    console.error(`${USAGE}\n(--connections must be at least 5: one per kind of request)`);
    process.exit(2);
  }
  return {
    minutes,
    connections,
    url: values.url?.replace(/\/$/, "") ?? null,
    pid,
    engine,
    warmupSeconds,
    warmupMaxSeconds,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = options();
  let server: AppServer | null = null;
  let database: Database | null = null;
  let url = opts.url;
  const logFile = path.join(ROOT, ".data", "reliability-soak.log");
  if (!url) {
    ensureProductionBuild();
    const started = performance.now();
    database =
      opts.engine === "postgres"
        ? await preparePostgres()
        : await prepareEmbedded(".data/reliability-soak-pglite");
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, "");
    server = await startApp({
      database,
      port: await pickPort(),
      authSecret: newAuthSecret(),
      logFile,
    });
    url = server.url;
    console.log(
      `${opts.engine === "postgres" ? "PostgreSQL 15" : "PGlite"} with the demo clinic and next start (pid ${server.pid}) ready on ${url} in ${((performance.now() - started) / 1000).toFixed(1)} s (log: ${path.relative(ROOT, logFile)})`,
    );
  }

  // Whose memory: the server started here, the one given, or the local listener of --url.
  const port = Number(new URL(url).port || 80);
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  const pid = server?.pid ?? opts.pid ?? (local ? listeningPid(port) : null);

  const result = await runSoak({
    url,
    minutes: opts.minutes,
    connections: opts.connections,
    warmupSeconds: opts.warmupSeconds,
    warmupMaxSeconds: opts.warmupMaxSeconds,
    pids: pid === null ? [] : [pid],
    exited: () => {
      const status = server?.exitStatus() ?? null;
      return server && status !== null
        ? `the server process (pid ${server.pid}) exited during the run: ${status}; see ${path.relative(ROOT, logFile)}`
        : null;
    },
  });
  if (server) await server.stop();
  database?.stop();
  process.exit(result.problems.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
