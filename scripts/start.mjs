#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last production build, then serve.
// The database is created, migrated and (embedded) seeded by the server itself at start.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");
const SOURCES = ["app", "components", "lib", "db", "public", "types"];
const FILES = [
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    max = Math.max(max, newest(path.join(p, entry)));
  }
  return max;
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const next = path.join(root, "node_modules", ".bin", "next");
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourceTime = Math.max(
  ...SOURCES.map((d) => newest(path.join(root, d))),
  ...FILES.map((f) => newest(path.join(root, f))),
);

if (built < sourceTime) {
  console.log("Kapstone: building the production bundle (about a minute)…");
  const result = spawnSync(next, ["build"], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? "3000";
env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const server = spawn(next, ["start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
