// Whether the production bundle (.next) is older than the sources it is built from: shared by
// `npm start` and the reliability scripts, so they agree on when to rebuild.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

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

/** "missing", "stale" or "fresh" for the build under `root`. */
export function productionBuildState(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "missing";
  const sources = Math.max(
    ...SOURCES.map((d) => newest(path.join(root, d))),
    ...FILES.map((f) => newest(path.join(root, f))),
  );
  return statSync(buildId).mtimeMs < sources ? "stale" : "fresh";
}
