import { z } from "zod";
import { errorSchema } from "@/lib/api/schemas";
import { operations } from "@/lib/api/operations";

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

function parametersOf(schema: z.ZodType | undefined, location: "query" | "path"): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    schema: property,
  }));
}

const IDEMPOTENCY_HEADER = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Client-made key (8–100 characters). Replaying a key returns the first answer and stores nothing new.",
  schema: { type: "string", minLength: 8, maxLength: 100 },
};

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
      "x-kapstone-access": op.orAccess ? `${op.access} | ${op.orAccess}` : op.access,
      ...(op.access === "public" ? { security: [] } : {}),
      parameters: [
        ...parametersOf(op.params, "path"),
        ...parametersOf(op.query, "query"),
        ...(op.idempotent ? [IDEMPOTENCY_HEADER] : []),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(op.body, "input") } },
            },
          }
        : {}),
      responses: {
        [String(op.successStatus ?? 200)]: {
          description: op.successStatus === 201 ? "Created" : "OK",
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
