/**
 * `npm run perf:js-breakdown`: what the first-visit JavaScript of each key page is made of.
 *
 * Opens every key page in a fresh Chromium context (as scripts/perf/first-visit-js.ts does) against
 * `next start` on a throwaway embedded database, then maps every script the page loaded back to
 * the modules inside it through the build's source maps. A chunk's compressed bytes are shared
 * among its modules in proportion to their minified bytes, so the per-module figures are close
 * estimates; the per-chunk and per-page totals are exact.
 *
 * The build must carry browser source maps; build once with them, without touching next.config.ts:
 *
 *   KAPSTONE_BROWSER_SOURCE_MAPS=1 npx next build && npm run perf:js-breakdown
 *
 * Prints, per page: framework (React, Next's runtime), app shell (code every signed-in page loads
 * besides the framework) and page-specific code, then the largest packages and modules of each.
 * The full attribution goes to .data/js-breakdown/breakdown.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { chromiumLaunch } from "../../playwright.config";
import {
  fail,
  newAuthSecret,
  pickPort,
  prepareEmbedded,
  ROOT,
  signIn,
  startApp,
} from "../reliability/harness";
import { kB, measureFirstVisitJs, type FirstVisitJs } from "./first-visit-js";
import { keyPageReady, keyPages, type KeyPage, type KeyPageRole } from "./key-pages";

const OUT_DIR = path.join(ROOT, ".data", "js-breakdown");
const CHUNKS_DIR = path.join(ROOT, ".next", "static", "chunks");

const { values: args } = parseArgs({
  options: {
    "port-from": { type: "string", default: "3300" },
    "port-to": { type: "string", default: "3399" },
    top: { type: "string", default: "12" },
    // Print the report of the last run again (from .data/js-breakdown/breakdown.json).
    again: { type: "boolean", default: false },
  },
});

// ---------------------------------------------------------------------------------------------
// Source maps: which source each minified byte came from.

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUE = new Map([...BASE64].map((char, index) => [char, index]));

/** One line of a source map's `mappings`: [generated column, source index | -1] per segment. */
function decodeLine(line: string, state: { source: number }): [number, number][] {
  const segments: [number, number][] = [];
  let column = 0;
  for (const segment of line.split(",")) {
    if (segment === "") continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64_VALUE.get(char);
      if (digit === undefined) throw new Error(`Bad source map character ${char}`);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0] ?? 0;
    if (fields.length >= 4) {
      state.source += fields[1] ?? 0;
      segments.push([column, state.source]);
    } else {
      segments.push([column, -1]);
    }
  }
  return segments;
}

type SourceMap = { sources: string[]; mappings: string };

/** Minified bytes per source file of one chunk ("(runtime)" for bytes no source claims). */
function bytesPerSource(code: string, map: SourceMap): Map<string, number> {
  const bytes = new Map<string, number>();
  const add = (source: string, n: number): void => {
    if (n > 0) bytes.set(source, (bytes.get(source) ?? 0) + n);
  };
  const codeLines = code.split("\n");
  const mapLines = map.mappings.split(";");
  const state = { source: 0 };
  codeLines.forEach((codeLine, index) => {
    const segments = decodeLine(mapLines[index] ?? "", state);
    if (segments.length === 0) {
      add("(runtime)", codeLine.length + 1);
      return;
    }
    add("(runtime)", segments[0]?.[0] ?? 0);
    segments.forEach(([column, source], i) => {
      const end = segments[i + 1]?.[0] ?? codeLine.length + 1;
      add(source < 0 ? "(runtime)" : (map.sources[source] ?? "(runtime)"), end - column);
    });
  });
  return bytes;
}

/** "turbopack:///[project]/node_modules/x/y.js" → "node_modules/x/y.js". */
function projectPath(source: string): string {
  return source.replace(/^turbopack:\/\/\/(\[project\]\/)?/, "").replace(/\?.*$/, "");
}

/** The package a module belongs to, or the app folder it sits in. */
function groupOf(file: string): string {
  const nm = file.startsWith("node_modules/shared/src/")
    ? null
    : /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
  if (nm) {
    const [, pkg, rest] = nm;
    const compiled = /^dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(rest ?? "");
    if (pkg === "next" && compiled) return `next/compiled/${compiled[1]}`;
    return pkg ?? file;
  }
  // lucide-react's source maps name its own helpers "shared/src/…".
  if (file.startsWith("node_modules/shared/src/")) return "lucide-react";
  if (file.startsWith("(")) return file;
  if (file.startsWith("[turbopack]")) return "[turbopack]";
  return path.dirname(file);
}

const FRAMEWORK =
  /^(next|react|react-dom|scheduler|@swc\/helpers|\(runtime\)|\[turbopack\])$|^next\/compiled\//;

// ---------------------------------------------------------------------------------------------

type ModuleShare = { file: string; group: string; gzipBytes: number };
type ScriptBreakdown = { url: string; gzipBytes: number; modules: ModuleShare[] };

function breakdownOf(url: string, gzipBytes: number): ScriptBreakdown {
  const name = new URL(url).pathname.replace(/^\/_next\/static\/chunks\//, "");
  const file = path.join(CHUNKS_DIR, name);
  if (!existsSync(file)) {
    return { url, gzipBytes, modules: [{ file: `(${name})`, group: "(unknown)", gzipBytes }] };
  }
  const code = readFileSync(file, "utf8");
  const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  const mapFile = mapName ? path.join(path.dirname(file), mapName) : `${file}.map`;
  if (!existsSync(mapFile)) {
    fail(`${name} has no source map: build with KAPSTONE_BROWSER_SOURCE_MAPS=1 npx next build`);
  }
  const bytes = bytesPerSource(code, JSON.parse(readFileSync(mapFile, "utf8")) as SourceMap);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  const modules = [...bytes].map(([source, n]) => {
    const filePath = projectPath(source);
    return { file: filePath, group: groupOf(filePath), gzipBytes: (n / total) * gzipBytes };
  });
  return { url, gzipBytes, modules };
}

type PageBreakdown = { key: KeyPage; visit: FirstVisitJs; scripts: ScriptBreakdown[] };

function sumBy<T>(items: T[], key: (item: T) => string, bytes: (item: T) => number) {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + bytes(item));
  return [...sums].sort((a, b) => b[1] - a[1]);
}

function report(pages: PageBreakdown[]): void {
  const top = Number(args.top);
  const signedIn = pages.filter((p) => p.key.role !== null);
  // The app shell: modules every signed-in key page loads, other than the framework.
  const everywhere = (p: PageBreakdown): Set<string> =>
    new Set(p.scripts.flatMap((s) => s.modules.map((m) => m.file)));
  const sets = signedIn.map(everywhere);
  const shell = new Set([...(sets[0] ?? [])].filter((file) => sets.every((s) => s.has(file))));
  const kind = (m: ModuleShare, key: KeyPage): "framework" | "shell" | "page" =>
    FRAMEWORK.test(m.group) ? "framework" : key.role && shell.has(m.file) ? "shell" : "page";

  console.log(
    "\nPage       path                                      total    framework  app shell  page",
  );
  for (const p of pages) {
    const modules = p.scripts.flatMap((s) => s.modules);
    const share = (k: string): number =>
      modules.filter((m) => kind(m, p.key) === k).reduce((a, m) => a + m.gzipBytes, 0);
    console.log(
      `${p.key.name.padEnd(10)} ${p.key.path.padEnd(40)} ${kB(p.visit.totalEncodedBytes).padStart(9)} ${kB(share("framework")).padStart(10)} ${kB(share("shell")).padStart(10)} ${kB(share("page")).padStart(9)}`,
    );
  }
  for (const p of pages) {
    const modules = p.scripts.flatMap((s) => s.modules);
    console.log(`\n== ${p.key.name} ${p.key.path}: ${p.scripts.length} scripts`);
    for (const s of [...p.scripts].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
      const groups = sumBy(
        s.modules,
        (m) => m.group,
        (m) => m.gzipBytes,
      )
        .slice(0, 4)
        .map(([g, b]) => `${g} ${kB(b)}`)
        .join(", ");
      console.log(
        `  ${kB(s.gzipBytes).padStart(9)}  ${new URL(s.url).pathname.split("/").pop()}  ${groups}`,
      );
    }
    for (const k of ["shell", "page"] as const) {
      const ofKind = modules.filter((m) => kind(m, p.key) === k);
      if (ofKind.length === 0) continue;
      console.log(`  ${k} by package/folder:`);
      for (const [g, b] of sumBy(
        ofKind,
        (m) => m.group,
        (m) => m.gzipBytes,
      ).slice(0, top)) {
        console.log(`    ${kB(b).padStart(9)}  ${g}`);
      }
      console.log(`  ${k} by module:`);
      for (const [f, b] of sumBy(
        ofKind,
        (m) => m.file,
        (m) => m.gzipBytes,
      ).slice(0, top)) {
        console.log(`    ${kB(b).padStart(9)}  ${f}`);
      }
    }
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  if (args.again) {
    const saved = JSON.parse(
      readFileSync(path.join(OUT_DIR, "breakdown.json"), "utf8"),
    ) as PageBreakdown[];
    for (const m of saved.flatMap((p) => p.scripts.flatMap((s) => s.modules))) {
      m.group = groupOf(m.file);
    }
    report(saved);
    return;
  }
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    fail("No production build: KAPSTONE_BROWSER_SOURCE_MAPS=1 npx next build");
  }
  const database = await prepareEmbedded(path.join(".data", "js-breakdown", "db"));
  const server = await startApp({
    database,
    port: await pickPort(Number(args["port-from"]), Number(args["port-to"])),
    authSecret: newAuthSecret(),
    logFile: path.join(OUT_DIR, "next.log"),
  });
  try {
    const cookies = new Map<KeyPageRole, string>();
    for (const role of ["psychiatrist", "nurse", "admin"] as const) {
      cookies.set(role, await signIn(server.url, role));
    }
    const cookieOf = (role: KeyPageRole): string => cookies.get(role) ?? "";
    const pages = await keyPages(async (role, apiPath) => {
      const res = await fetch(`${server.url}${apiPath}`, { headers: { cookie: cookieOf(role) } });
      if (res.status !== 200) throw new Error(`GET ${apiPath} as ${role} answered ${res.status}`);
      return res.json();
    });
    const browser = await chromium.launch(chromiumLaunch);
    const results: PageBreakdown[] = [];
    try {
      for (const key of pages) {
        const context = await browser.newContext();
        if (key.role) {
          await context.addCookies(
            cookieOf(key.role)
              .split("; ")
              .map((pair) => {
                const eq = pair.indexOf("=");
                return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: server.url };
              }),
          );
        }
        const visit = await measureFirstVisitJs(context, `${server.url}${key.path}`, (page) =>
          keyPageReady(page, key),
        );
        await context.close();
        results.push({
          key,
          visit,
          scripts: visit.scripts.map((s) => breakdownOf(s.url, s.encodedBytes)),
        });
      }
    } finally {
      await browser.close();
    }
    writeFileSync(path.join(OUT_DIR, "breakdown.json"), JSON.stringify(results, null, 2));
    report(results);
  } finally {
    await server.stop();
    database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
