/**
 * Calls the real `/api/v1` route handlers in process. Routes are discovered from the `app/api`
 * tree and matched to the operations the OpenAPI document is generated from, so a route without
 * an operation (or the reverse) is found, not forgotten. The database is a real one (PGlite or
 * PostgreSQL) installed as the process's database, exactly where the app looks for it.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { DbHandle } from "@/db/client";
import { ops, type HttpMethod, type Operation } from "@/lib/api/operations";

const API_DIR = path.join(import.meta.dirname, "..", "app", "api");

type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export type DiscoveredRoute = { method: HttpMethod; path: string; file: string };

const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/v1/sessions/[id]/vitals/route.ts` → `/api/v1/sessions/{id}/vitals`. */
export function templateOf(file: string): string {
  const relative = path.relative(path.join(API_DIR, ".."), path.dirname(file));
  return `/${relative.split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
}

/** Every exported method of every route module under `app/api`. */
export async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const found: DiscoveredRoute[] = [];
  for (const file of routeFiles(API_DIR).sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === "function") found.push({ method, path: templateOf(file), file });
    }
  }
  return found;
}

export const allOperations: Operation[] = Object.values(ops);

/** Routes the API contract deliberately leaves out: Auth.js's own endpoints and the document. */
export const ROUTES_OUTSIDE_THE_CONTRACT = [
  "/api/auth/{...nextauth}",
  "/api/v1/openapi.json",
] as const;

const handlers = new Map<string, RouteHandler>();

async function handlerFor(op: Operation): Promise<RouteHandler> {
  const key = `${op.method} ${op.path}`;
  const cached = handlers.get(key);
  if (cached) return cached;
  const dir = op.path.replace(/^\//, "").replace(/\{([^}]+)\}/g, "[$1]");
  const file = path.join(API_DIR, "..", ...dir.split("/"), "route.ts");
  const mod = (await import(file)) as Record<string, unknown>;
  const handler = mod[op.method];
  if (typeof handler !== "function") throw new Error(`${key}: no handler exported`);
  handlers.set(key, handler as RouteHandler);
  return handler as RouteHandler;
}

/** Makes `handle` the database every route handler of this process uses. */
export function installDatabase(handle: DbHandle): void {
  (globalThis as { kapstoneDb?: Promise<DbHandle> }).kapstoneDb = Promise.resolve(handle);
}

export type ApiCall = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A value sent as JSON, or a raw string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
};

export type ApiAnswer = { status: number; json: unknown; text: string; headers: Headers };

export async function callOperation(op: Operation, call: ApiCall = {}): Promise<ApiAnswer> {
  const handler = await handlerFor(op);
  const params = call.params ?? {};
  const filled = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? "missing"),
  );
  const url = new URL(filled, "http://kapstone.test");
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const hasBody = op.method !== "GET" && call.body !== undefined;
  const request = new Request(url, {
    method: op.method,
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...call.headers },
    body: hasBody
      ? typeof call.body === "string"
        ? call.body
        : JSON.stringify(call.body)
      : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}
