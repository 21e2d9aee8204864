#!/usr/bin/env node
// The browser journeys run against a production server on a fresh embedded database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { withServerNodeOptions } from "./server-options.mjs";

const dataDir = path.resolve(".data", "e2e");
rmSync(dataDir, { recursive: true, force: true });
rmSync(`${path.join(dataDir, "pglite")}.lock`, { force: true });
const port = process.env.PORT ?? "3100";
const server = spawn("node_modules/.bin/next", ["start", "-p", port], {
  stdio: "inherit",
  env: withServerNodeOptions({
    ...process.env,
    KAPSTONE_DATA_DIR: dataDir,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: "",
  }),
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
