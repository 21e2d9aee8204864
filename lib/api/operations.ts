/**
 * The JSON API's contract: every operation with its method, path, the capability it needs and
 * its zod schemas. Route handlers parse with these schemas and the OpenAPI document is
 * generated from this list, so the two cannot drift apart.
 */
import type { z } from "zod";
import type { Capability } from "@/lib/auth/permissions";
import {
  caseloadQuerySchema,
  healthSchema,
  meSchema,
  patientListSchema,
  sessionListQuerySchema,
  sessionListSchema,
} from "@/lib/api/schemas";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation = {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  /** `public`: no sign-in; `signed-in`: any active user; otherwise a matrix capability. */
  access: "public" | "signed-in" | Capability;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  tags: string[];
};

export const ops = {
  getHealth: {
    operationId: "getHealth",
    method: "GET",
    path: "/api/health",
    summary: "Liveness and database engine",
    access: "public",
    response: healthSchema,
    tags: ["system"],
  },
  getMe: {
    operationId: "getMe",
    method: "GET",
    path: "/api/v1/me",
    summary: "The signed-in staff member",
    access: "signed-in",
    response: meSchema,
    tags: ["account"],
  },
  listPatients: {
    operationId: "listPatients",
    method: "GET",
    path: "/api/v1/patients",
    summary: "Patient list: search by name or MRN, filter by status, paged",
    access: "patients:read",
    query: caseloadQuerySchema,
    response: patientListSchema,
    tags: ["patients"],
  },
  listSessions: {
    operationId: "listSessions",
    method: "GET",
    path: "/api/v1/sessions",
    summary: "Sessions of a clinic day (or several days) by start time and room",
    access: "schedule:read",
    query: sessionListQuerySchema,
    response: sessionListSchema,
    tags: ["sessions"],
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof ops;

/** Every operation, for the OpenAPI document and the access tests. */
export const operations: readonly Operation[] = Object.values(ops);
