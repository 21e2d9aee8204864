/**
 * `npm run lighthouse`: the browser performance budgets of the key pages, measured against the
 * production build on a seeded database.
 *
 * - First-visit JavaScript: compressed bytes of every script a fresh Chromium context loads
 *   (scripts/perf/first-visit-js.ts); budget 180 kB per page.
 * - Lighthouse (desktop preset, Debian's Chromium): performance ≥ 95, accessibility 100.
 *
 * Prints one table and exits non-zero naming every page that misses a budget.
 *
 *   npm run lighthouse                    throwaway PostgreSQL 15 (what clinics run)
 *   npm run lighthouse -- --pglite        embedded database instead
 *   npm run lighthouse -- --runs 3        Lighthouse runs per page; the median run is reported
 *   npm run lighthouse -- --js-only       first-visit JavaScript only (quick, while trimming)
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import type { Result as Lhr } from "lighthouse";
import { chromiumLaunch } from "../../playwright.config";
import {
  ensureProductionBuild,
  fail,
  newAuthSecret,
  onCleanup,
  pickPort,
  prepareEmbedded,
  preparePostgres,
  ROOT,
  signIn,
  startApp,
  type Database,
} from "../reliability/harness";
import {
  FIRST_VISIT_JS_BUDGET_BYTES,
  kB,
  measureFirstVisitJs,
  type FirstVisitJs,
} from "./first-visit-js";
import { keyPageReady, keyPages, type KeyPage, type KeyPageRole } from "./key-pages";

const PERFORMANCE_MIN = 95;
const ACCESSIBILITY_MIN = 100;
const PORTS = [3500, 3549] as const;
const OUT_DIR = path.join(ROOT, ".data", "lighthouse");
const LIGHTHOUSE_CLI = path.join(ROOT, "node_modules", "lighthouse", "cli", "index.js");
// Next leaves responses under 1 KiB uncompressed: gzip would not make them smaller.
const COMPRESSION_THRESHOLD_BYTES = 1024;

const { values: args } = parseArgs({
  options: {
    pglite: { type: "boolean", default: false },
    runs: { type: "string", default: "1" },
    "js-only": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 9) fail("--runs must be a whole number 1–9.");

type LighthouseResult = {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  scriptTransferBytes: number;
  /** Accessibility audits that did not pass, as "id: title". */
  accessibilityFailures: string[];
};

function summarise(lhr: Lhr): LighthouseResult {
  const score = (category: string): number =>
    Math.round((lhr.categories[category]?.score ?? 0) * 100);
  const metric = (id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN;
  const summary = lhr.audits["resource-summary"]?.details;
  const scripts =
    summary?.type === "table"
      ? summary.items.find((item) => item.resourceType === "script")
      : undefined;
  const accessibilityFailures = (lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit !== undefined)
    .filter((audit) => audit.scoreDisplayMode === "binary" && audit.score !== 1)
    .map((audit) => `${audit.id}: ${audit.title}`);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    fcpMs: metric("first-contentful-paint"),
    lcpMs: metric("largest-contentful-paint"),
    tbtMs: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    scriptTransferBytes:
      typeof scripts?.transferSize === "number" ? scripts.transferSize : Number.NaN,
    accessibilityFailures,
  };
}

/** The run with the median performance score (Lighthouse's own advice for noisy machines). */
function median(results: LighthouseResult[]): LighthouseResult {
  const sorted = [...results].sort((a, b) => a.performance - b.performance);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error("No Lighthouse run to summarise");
  return middle;
}

/**
 * One Lighthouse run through its command line, in plain Node: Lighthouse evaluates its own
 * functions inside the page by their source text, which the TypeScript loader of this script
 * would rewrite. The session cookie goes in a headers file, not on the command line.
 */
async function runLighthouse(
  url: string,
  chromePort: number,
  reportPath: string,
  cookie: string | null,
): Promise<void> {
  const headersPath = path.join(OUT_DIR, "headers.json");
  writeFileSync(headersPath, JSON.stringify(cookie ? { Cookie: cookie } : {}), { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [
      LIGHTHOUSE_CLI,
      url,
      `--port=${chromePort}`,
      "--preset=desktop",
      "--only-categories=performance,accessibility",
      "--output=json",
      `--output-path=${reportPath}`,
      `--extra-headers=${headersPath}`,
      "--quiet",
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const status = await new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  if (status !== 0) throw new Error(`Lighthouse on ${url} exited with ${status}`);
}

/** "name=value; name2=value2" → Playwright cookies for `url`. */
function cookiesFor(header: string, url: string): { name: string; value: string; url: string }[] {
  return header.split("; ").map((pair) => {
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
  });
}

type Signed = { url: string; cookieOf: (role: KeyPageRole) => string };

async function signInEveryRole(url: string): Promise<Signed> {
  const cookies = new Map<KeyPageRole, string>();
  for (const role of ["psychiatrist", "nurse", "admin"] as const) {
    cookies.set(role, await signIn(url, role));
  }
  return {
    url,
    cookieOf: (role) => {
      const cookie = cookies.get(role);
      if (!cookie) throw new Error(`Not signed in as ${role}`);
      return cookie;
    },
  };
}

/** First visits in Playwright: a new context per page, so nothing is cached. */
async function measureFirstVisits(
  app: Signed,
  pages: KeyPage[],
): Promise<Map<KeyPage, FirstVisitJs>> {
  const firstVisits = new Map<KeyPage, FirstVisitJs>();
  const browser = await chromium.launch(chromiumLaunch);
  try {
    for (const key of pages) {
      const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
      if (key.role) await context.addCookies(cookiesFor(app.cookieOf(key.role), app.url));
      const visit = await measureFirstVisitJs(context, `${app.url}${key.path}`, (page) =>
        keyPageReady(page, key),
      );
      await context.close();
      if (new URL(visit.finalUrl).pathname !== key.path) {
        throw new Error(`${key.name}: ${key.path} ended at ${visit.finalUrl}`);
      }
      firstVisits.set(key, visit);
      const uncompressed = visit.scripts.filter(
        (s) => !/gzip|br|zstd/.test(s.encoding) && s.encodedBytes >= COMPRESSION_THRESHOLD_BYTES,
      );
      if (uncompressed.length > 0) {
        console.warn(
          `${key.name}: ${uncompressed.length} script(s) served uncompressed, e.g. ${uncompressed[0]?.url}`,
        );
      }
      const encodings = [...new Set(visit.scripts.map((s) => s.encoding || "identity"))];
      console.log(
        `First visit ${key.name.padEnd(9)} ${kB(visit.totalEncodedBytes).padStart(9)} in ${visit.scripts.length} scripts (${encodings.join(", ")})`,
      );
    }
  } finally {
    await browser.close();
  }
  // Every script of every page, for finding what a page pulls in.
  writeFileSync(
    path.join(OUT_DIR, "first-visit-js.json"),
    JSON.stringify(
      pages.map((key) => ({ ...key, ...firstVisits.get(key) })),
      null,
      2,
    ),
  );
  return firstVisits;
}

async function measureLighthouse(
  app: Signed,
  pages: KeyPage[],
): Promise<Map<KeyPage, LighthouseResult>> {
  // Lighthouse drives its own Chromium through the DevTools protocol; that browser is
  // launched here so its flags (nothing phoning home) and port are ours.
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumLaunch.executablePath,
    port: await pickPort(...PORTS),
    chromeFlags: ["--headless=new", ...chromiumLaunch.args],
    logLevel: "error",
  });
  const stopChrome = onCleanup(() => chrome.kill());
  const results = new Map<KeyPage, LighthouseResult>();
  try {
    for (const key of pages) {
      const runs: LighthouseResult[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const reportPath = path.join(OUT_DIR, `${key.name.toLowerCase()}-${run}.json`);
        await runLighthouse(
          `${app.url}${key.path}`,
          chrome.port,
          reportPath,
          key.role && app.cookieOf(key.role),
        );
        const lhr: Lhr = JSON.parse(readFileSync(reportPath, "utf8"));
        if (lhr.runtimeError) {
          throw new Error(`Lighthouse on ${key.path}: ${lhr.runtimeError.message}`);
        }
        if (new URL(lhr.finalDisplayedUrl).pathname !== key.path) {
          throw new Error(`${key.name}: Lighthouse ended at ${lhr.finalDisplayedUrl}`);
        }
        const result = summarise(lhr);
        runs.push(result);
        console.log(
          `Lighthouse ${key.name.padEnd(9)} run ${run}/${RUNS}: performance ${result.performance}, accessibility ${result.accessibility}`,
        );
      }
      results.set(key, median(runs));
    }
  } finally {
    stopChrome();
    chrome.kill();
  }
  return results;
}

async function main(): Promise<void> {
  ensureProductionBuild();
  mkdirSync(OUT_DIR, { recursive: true });

  console.log(
    args.pglite ? "Seeding an embedded database…" : "Starting a throwaway PostgreSQL 15…",
  );
  const database: Database = args.pglite
    ? await prepareEmbedded(path.join(".data", "lighthouse", "db"))
    : await preparePostgres();
  const server = await startApp({
    database,
    port: await pickPort(...PORTS),
    authSecret: newAuthSecret(),
    logFile: path.join(OUT_DIR, "next.log"),
  });
  console.log(`next start on ${server.url} (${database.engine}).`);

  const app = await signInEveryRole(server.url);
  const pages = await keyPages(async (role, apiPath) => {
    const res = await fetch(`${app.url}${apiPath}`, { headers: { cookie: app.cookieOf(role) } });
    if (res.status !== 200) throw new Error(`GET ${apiPath} as ${role} answered ${res.status}`);
    return res.json();
  });
  const firstVisits = await measureFirstVisits(app, pages);
  const lighthouseResults = args["js-only"] ? null : await measureLighthouse(app, pages);
  await server.stop();
  database.stop();

  report(pages, firstVisits, lighthouseResults);
}

/** Prints the table and fails naming every page over a budget. `lighthouse` null: JS only. */
function report(
  pages: KeyPage[],
  firstVisits: Map<KeyPage, FirstVisitJs>,
  lighthouse: Map<KeyPage, LighthouseResult> | null,
): void {
  const rows = pages.map((key) => {
    const js = firstVisits.get(key);
    if (!js) throw new Error(`${key.name} was not measured`);
    return { key, js, lh: lighthouse?.get(key) };
  });
  const ms = (value: number): string => `${Math.round(value)} ms`;
  const table = [
    lighthouse
      ? ["page", "path", "perf", "a11y", "FCP", "LCP", "TBT", "CLS", "JS (LH)", "first-visit JS"]
      : ["page", "path", "first-visit JS"],
    ...rows.map(({ key, lh, js }) => [
      key.name,
      key.path.replace(/[0-9a-f-]{36}/, ":id"),
      ...(lh
        ? [
            String(lh.performance),
            String(lh.accessibility),
            ms(lh.fcpMs),
            ms(lh.lcpMs),
            ms(lh.tbtMs),
            lh.cls.toFixed(3),
            kB(lh.scriptTransferBytes),
          ]
        : []),
      kB(js.totalEncodedBytes),
    ]),
  ];
  const widths = table[0]?.map((_, col) => Math.max(...table.map((row) => row[col]?.length ?? 0)));
  console.log("");
  for (const row of table) {
    console.log(row.map((cell, col) => cell.padEnd(widths?.[col] ?? 0)).join("  "));
  }
  console.log(
    `\nBudgets: performance ≥ ${PERFORMANCE_MIN}, accessibility ${ACCESSIBILITY_MIN}, first-visit JS ≤ ${kB(FIRST_VISIT_JS_BUDGET_BYTES)} (compressed, 1 kB = 1000 bytes).` +
      (lighthouse
        ? `\nLighthouse: desktop preset, ${RUNS === 1 ? "one run" : `median of ${RUNS} runs`} per page; reports in ${path.relative(ROOT, OUT_DIR)}/.`
        : "\nLighthouse not run (--js-only)."),
  );

  const misses: string[] = [];
  for (const { key, lh, js } of rows) {
    if (lh && lh.performance < PERFORMANCE_MIN) {
      misses.push(`${key.name}: performance ${lh.performance} < ${PERFORMANCE_MIN}`);
    }
    if (lh && lh.accessibility < ACCESSIBILITY_MIN) {
      misses.push(
        `${key.name}: accessibility ${lh.accessibility} < ${ACCESSIBILITY_MIN} (${lh.accessibilityFailures.join("; ")})`,
      );
    }
    if (js.totalEncodedBytes > FIRST_VISIT_JS_BUDGET_BYTES) {
      misses.push(
        `${key.name}: first-visit JS ${kB(js.totalEncodedBytes)} > ${kB(FIRST_VISIT_JS_BUDGET_BYTES)}`,
      );
    }
  }
  if (misses.length > 0) fail(`Over budget:\n  ${misses.join("\n  ")}`);
  console.log("Every key page is within its budgets.");
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
