#!/usr/bin/env node
// `npm test`: every check in order, stopping at the first failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => `node_modules/.bin/${name}`;

function run(title, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `\nThe browser journeys need Debian's Chromium at ${CHROMIUM}.\nInstall it as root: apt-get update && apt-get install -y chromium`,
    );
    process.exit(1);
  }
  run("Install Chromium (apt)", "sh", [
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null",
  ]);
}

const started = Date.now();
run("Type check", bin("tsc"), ["--noEmit", "-p", "."]);
run("Lint", bin("eslint"), [".", "--max-warnings=0"]);
run("Formatting", bin("prettier"), ["--check", ".", "--log-level=warn"]);
run("Unit and integration tests", bin("vitest"), ["run"]);
ensureChromium();
run("Production build", bin("next"), ["build"]);
run("Browser journeys", bin("playwright"), ["test"]);
console.log(`\nAll checks passed in ${((Date.now() - started) / 60000).toFixed(1)} min.`);
