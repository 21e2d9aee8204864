import { z } from "zod";
import { errorSchema } from "@/lib/api/schemas";
import { operations, type Operation } from "@/lib/api/operations";

type JsonSchema = Record<string, unknown>;

const ERROR_RESPONSES: Record<string, string> = {
  "400": "Malformed request",
  "401": "Not signed in",
  "403": "Not permitted",
  "404": "Not found",
  "409": "Conflict",
  "422": "Well-formed but clinically invalid",
};

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });
  delete json.$schema;
  return json;
}

function queryParameters(op: Operation): JsonSchema[] {
  if (!op.query) return [];
  const schema = toSchema(op.query, "input");
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema: property,
  }));
}

/** OpenAPI 3.1 document generated from the operations list and its zod schemas. */
export function buildOpenApiDocument(): JsonSchema {
  const pathsObject: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const errors: Record<string, JsonSchema> = {};
    for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
      if (op.access === "public" && status !== "400") continue;
      errors[status] = {
        description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    pathsObject[op.path] ??= {};
    pathsObject[op.path]![op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: op.tags,
      "x-kapstone-access": op.access,
      ...(op.access === "public" ? { security: [] } : {}),
      parameters: queryParameters(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(op.body, "input") } },
            },
          }
        : {}),
      responses: {
        "200": {
          description: "OK",
          content: { "application/json": { schema: toSchema(op.response, "output") } },
        },
        ...errors,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Kapstone API",
      version: "1.0.0",
      description:
        "Clinician dashboard for ketamine-assisted psychotherapy clinics. Authenticated by the session cookie of the web app.",
    },
    servers: [{ url: "/" }],
    security: [{ sessionCookie: [] }],
    paths: pathsObject,
    components: {
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: toSchema(errorSchema, "output") },
    },
  };
}
