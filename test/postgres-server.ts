/**
 * A throwaway PostgreSQL 15 server for the integration tests, started from the Debian
 * binaries. initdb refuses to run as root, so as root it runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

export type PostgresServer = { url: string; stop: () => void };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function asPostgresUser(command: string, args: string[]): string[] {
  return process.getuid?.() === 0
    ? ["runuser", "-u", "postgres", "--", command, ...args]
    : [command, ...args];
}

function run(argv: string[]): void {
  const [command, ...args] = argv;
  if (!command) throw new Error("empty command");
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    const tool = path.basename(argv.find((a) => a.startsWith(BIN)) ?? command);
    throw new Error(`${tool} failed: ${(result.stderr || result.stdout || "").trim()}`);
  }
}

export type PostgresOptions = {
  /**
   * fsync on, as a clinic's server runs (the benchmark). Tests leave it off: they never
   * survive a power cut and run faster without it.
   */
  durable?: boolean;
};

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  if (!existsSync(path.join(BIN, "initdb"))) {
    throw new Error(`PostgreSQL binaries not found in ${BIN} (apt-get install postgresql-15)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "kapstone-pg-"));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  run(
    asPostgresUser(path.join(BIN, "initdb"), [
      "-D",
      data,
      "--auth=trust",
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--no-sync",
    ]),
  );
  run(
    asPostgresUser(path.join(BIN, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.durable ? "on" : "off"} -c max_connections=200`,
      "start",
    ]),
  );
  const [stopCommand, ...stopArgs] = asPostgresUser(path.join(BIN, "pg_ctl"), [
    "-D",
    data,
    "-m",
    "immediate",
    "stop",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (stopCommand) spawnSync(stopCommand, stopArgs);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
