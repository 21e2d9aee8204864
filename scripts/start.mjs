#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last production build, then serve.
// The database is created, migrated and (embedded) seeded by the server itself at start.
import { spawnSync, spawn } from "node:child_process";
import path from "node:path";
import { productionBuildState } from "./production-build.mjs";
import { withServerNodeOptions } from "./server-options.mjs";

const root = process.cwd();

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const next = path.join(root, "node_modules", ".bin", "next");
if (productionBuildState(root) !== "fresh") {
  console.log("Kapstone: building the production bundle (about a minute)…");
  const result = spawnSync(next, ["build"], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? "3000";
env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const server = spawn(next, ["start", "-p", port], {
  stdio: "inherit",
  env: withServerNodeOptions(env),
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
