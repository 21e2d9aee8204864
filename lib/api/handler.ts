import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Operation } from "@/lib/api/operations";
import type { ActorContext } from "@/lib/auth/authorize";
import { getCurrentUser, requestAddress } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AppError, isAppError, type FieldIssue } from "@/lib/errors";

const NO_STORE = { "Cache-Control": "no-store" };

export function errorResponse(error: AppError): NextResponse {
  return NextResponse.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.conflicts
          ? { details: { conflicts: error.conflicts } }
          : error.details
            ? { details: error.details }
            : {}),
      },
    },
    { status: error.status, headers: NO_STORE },
  );
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
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

/**
 * Wraps a signed-in route handler: signs the caller in (401 otherwise), parses query and body with the
 * operation's schemas (400), runs the lib function and maps AppError to the JSON error shape.
 * Anything unexpected is logged with context and answered as a calm 500.
 */
export function apiRoute<O extends Operation>(
  op: O,
  run: (ctx: ApiContext<O>) => Promise<unknown>,
): (request: Request, context: RouteContext) => Promise<NextResponse> {
  return async (request, context) => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in to use the Kapstone API.");
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
      let params: unknown = undefined;
      if (op.params) {
        const parsed = op.params.safeParse(await context.params);
        // A malformed id names nothing: answer as for an id that does not exist.
        if (!parsed.success) throw new AppError("not_found", "No such record.");
        params = parsed.data;
      }
      const url = new URL(request.url);
      const query = (
        op.query ? parseOrThrow(op.query, Object.fromEntries(url.searchParams), "query") : undefined
      ) as Parsed<O["query"]>;
      let body: unknown = undefined;
      if (op.body) {
        let raw: unknown;
        try {
          const text = await request.text();
          // An empty body stands for {}: every field of such operations is optional.
          raw = text.trim() === "" ? {} : JSON.parse(text);
        } catch {
          throw new AppError("bad_request", "The request body must be valid JSON.");
        }
        body = parseOrThrow(op.body, raw, "request body");
      }
      const actor: ActorContext = {
        id: user.id,
        role: user.role,
        email: user.email,
        requestAddress: await requestAddress(),
      };
      const db = await getDb();
      const result = await run({
        db,
        actor,
        params: params as Parsed<O["params"]>,
        query,
        body: body as Parsed<O["body"]>,
        request,
      });
      if (result instanceof ApiResponse) {
        return NextResponse.json(result.body, {
          status: result.status,
          headers: { ...NO_STORE, ...result.headers },
        });
      }
      return NextResponse.json(result, { headers: NO_STORE });
    } catch (error) {
      if (isAppError(error)) return errorResponse(error);
      console.error(`[api] ${op.method} ${op.path} failed`, error);
      return errorResponse(
        new AppError("internal", "Something went wrong on our side. The error has been logged."),
      );
    }
  };
}
