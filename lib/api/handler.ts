import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Operation } from "@/lib/api/operations";
import { recordAudit, withAuditScope } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import {
  getCurrentUser,
  noteActivity,
  requestAddress,
  type CurrentUser,
} from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AppError, isAppError, type FieldIssue } from "@/lib/errors";
import { log } from "@/lib/log";
import { CROSS_SITE_REFUSAL, isCrossSiteRequest } from "@/lib/security-headers";
import { hostileTextIssues } from "@/lib/validation";

/** Never cached: API answers carry patient data (next.config.ts adds the security headers). */
export const API_HEADERS = { "Cache-Control": "private, no-store, max-age=0" };

export function errorResponse(error: AppError, requestId?: string): NextResponse {
  return NextResponse.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(requestId ? { requestId } : {}),
        ...(error.conflicts
          ? { details: { conflicts: error.conflicts } }
          : error.details
            ? { details: error.details }
            : {}),
      },
    },
    {
      status: error.status,
      headers: { ...API_HEADERS, ...(requestId ? { "X-Request-Id": requestId } : {}) },
    },
  );
}

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const hostile = hostileTextIssues(value);
  if (hostile.length > 0) throw new AppError("bad_request", `The ${what} is not valid.`, hostile);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", `The ${what} is not valid.`, zodIssues(parsed.error));
  }
  return parsed.data;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiContext<O extends Operation> = {
  db: Db;
  actor: ActorContext;
  user: CurrentUser;
  params: Parsed<O["params"]>;
  query: Parsed<O["query"]>;
  body: Parsed<O["body"]>;
  request: Request;
};

/** A handler's answer with a status other than 200, or extra headers. */
export class ApiResponse {
  constructor(
    readonly body: unknown,
    readonly status: number = 200,
    readonly headers: Record<string, string> = {},
  ) {}
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** No Kapstone request needs more; a note of 20,000 characters is well under. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record an operation is about, named from its path: `/patients/{id}/notes` → patient. */
function entityOf(
  op: Operation,
  params: Record<string, unknown>,
): { entityType: string; entityId: string | null; patientId: string | null } {
  const segments = op.path.replace(/^\/api\/(v1\/)?/, "").split("/");
  const resource = segments[0] ?? "api";
  const entityType = ENTITY_BY_RESOURCE[resource] ?? resource;
  const id = typeof params.id === "string" && UUID.test(params.id) ? params.id : null;
  return { entityType, entityId: id, patientId: entityType === "patient" ? id : null };
}

const ENTITY_BY_RESOURCE: Record<string, string> = {
  patients: "patient",
  sessions: "session",
  courses: "course",
  rooms: "room",
  users: "user",
  me: "user",
  series: "series",
  clinic: "clinic",
  audit: "audit",
  "audit.csv": "audit",
};

export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
}

function respond(body: unknown, status: number, headers: Record<string, string>): Response {
  return NextResponse.json(body, { status, headers: { ...API_HEADERS, ...headers } });
}

/**
 * Wraps a route handler: signs the caller in (401 otherwise), checks the operation's capability
 * against the permission matrix before reading anything else (403, audited), parses path, query
 * and body with the operation's schemas (400), runs the lib function and maps AppError to the
 * JSON error shape. Every request to an audited operation leaves exactly one audit row: the use
 * case's own, or — when the request failed before or outside it — one written here. Anything
 * unexpected is logged as a structured line with the request id and answered as a calm 500
 * that carries the same id.
 */
export function apiRoute<O extends Operation>(
  op: O,
  run: (ctx: ApiContext<O>) => Promise<unknown>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return (request, context) =>
    withAuditScope(async (scope) => {
      const requestId = requestIdOf(request);
      const idHeader = { "X-Request-Id": requestId };
      let actor: ActorContext | null = null;
      let rawParams: Record<string, unknown> = {};
      try {
        rawParams = (await context.params) ?? {};
        const user = await getCurrentUser();
        if (!user) throw new AppError("unauthenticated", "Sign in to use the Kapstone API.");
        actor = {
          id: user.id,
          role: user.role,
          email: user.email,
          requestAddress: await requestAddress(),
        };
        // A write from another site's page riding on this user's cookie: refused, and audited
        // with the user it tried to act as. (The proxy does the same for pages and server
        // actions; it does not run for the API.)
        if (isCrossSiteRequest(request)) {
          throw new AppError("forbidden", CROSS_SITE_REFUSAL);
        }
        if (
          user.mustChangePassword &&
          op.operationId !== "changeOwnPassword" &&
          op.operationId !== "getMe"
        ) {
          throw new AppError(
            "forbidden",
            "Change your temporary password first: POST /api/v1/me/password.",
          );
        }
        const db = await getDb();
        // A write is the user at work: their idle clock starts again. Reads may be polling.
        if (op.method !== "GET") await noteActivity(user);
        if (
          op.access !== "public" &&
          op.access !== "signed-in" &&
          !(op.orAccess && can(user.role, op.orAccess))
        ) {
          await authorize(db, actor, op.access, {
            action: `api.${op.operationId}`,
            ...entityOf(op, rawParams),
          });
        }
        let params: unknown = undefined;
        if (op.params) {
          const parsed = op.params.safeParse(rawParams);
          // A malformed id names nothing: answer as for an id that does not exist.
          if (!parsed.success) throw new AppError("not_found", "No such record.");
          params = parsed.data;
        }
        const url = new URL(request.url);
        const query = (
          op.query
            ? parseOrThrow(op.query, Object.fromEntries(url.searchParams), "query")
            : undefined
        ) as Parsed<O["query"]>;
        let body: unknown = undefined;
        if (op.body) {
          let raw: unknown;
          if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
            throw new AppError("bad_request", "The request body is larger than 2 MB.");
          }
          try {
            const text = await request.text();
            if (text.length > MAX_BODY_BYTES) {
              throw new AppError("bad_request", "The request body is larger than 2 MB.");
            }
            // An empty body stands for {}: every field of such operations is optional.
            raw = text.trim() === "" ? {} : JSON.parse(text);
          } catch (error) {
            if (isAppError(error)) throw error;
            throw new AppError("bad_request", "The request body must be valid JSON.");
          }
          body = parseOrThrow(op.body, raw, "request body");
        }
        const result = await run({
          db,
          actor,
          user,
          params: params as Parsed<O["params"]>,
          query,
          body: body as Parsed<O["body"]>,
          request,
        });
        if (result instanceof Response) {
          for (const [name, value] of Object.entries({ ...API_HEADERS, ...idHeader })) {
            result.headers.set(name, value);
          }
          return result;
        }
        if (result instanceof ApiResponse) {
          return respond(result.body, result.status, { ...idHeader, ...result.headers });
        }
        return respond(result, 200, idHeader);
      } catch (thrown) {
        const error = isAppError(thrown)
          ? thrown
          : new AppError(
              "internal",
              "Something went wrong on our side. The error has been logged.",
            );
        if (!isAppError(thrown)) {
          log(
            "error",
            "api.unhandled",
            { requestId, operation: op.operationId, method: op.method, path: op.path },
            thrown,
          );
        }
        if (op.audited !== false && scope.durableRows === 0) {
          await auditFailure(op, actor, rawParams, error, requestId);
        }
        return errorResponse(error, requestId);
      }
    });
}

/** The one audit row of a request that failed before its use case wrote one. */
async function auditFailure(
  op: Operation,
  actor: ActorContext | null,
  params: Record<string, unknown>,
  error: AppError,
  requestId: string,
): Promise<void> {
  try {
    await recordAudit(await getDb(), {
      actor,
      action: `api.${op.operationId}`,
      ...entityOf(op, params),
      outcome:
        error.code === "forbidden" || error.code === "unauthenticated" ? "denied" : "failure",
      requestAddress: actor?.requestAddress ?? null,
      detail: { status: error.status, code: error.code, requestId },
    });
  } catch (auditError) {
    log("error", "audit.write-failed", { requestId, operation: op.operationId }, auditError);
  }
}
