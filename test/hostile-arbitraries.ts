/**
 * Generators of hostile input for the API, driven by the operations' zod schemas: each schema is
 * turned into JSON Schema once and walked to find its fields, their types and their limits, so a
 * new field gets wrong types, huge strings and boundary numbers without anyone listing it here.
 * No I/O: the suite supplies the real ids these generators name.
 */
import fc from "fast-check";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// JSON values with number literals JSON.stringify cannot write (-0, 1e400, 9007199254740993).

/** A number written exactly as given in the JSON text. */
export class RawNumber {
  constructor(readonly literal: string) {}
  toJSON(): number {
    return Number(this.literal);
  }
}

/** JSON text of a value; RawNumber keeps its literal, -0 stays -0, own `__proto__` keys stay. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawNumber) return value.literal;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A copy of a JSON-ish value (RawNumber instances are shared: they are immutable). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (value !== null && typeof value === "object" && !(value instanceof RawNumber)) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) defineOwn(copy, k, cloneJson(v));
    return copy as T;
  }
  return value;
}

/** Sets an own enumerable property, even one named `__proto__`. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export type FieldPath = (string | number)[];

/** A copy of `root` with the value at `path` replaced (intermediate objects made as needed). */
export function withValueAt(root: unknown, path: FieldPath, value: unknown): unknown {
  const copy = cloneJson(root ?? {});
  let node = copy as Record<string | number, unknown>;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      defineOwn(node as Record<string, unknown>, String(key), value);
      break;
    }
    const next = node[key];
    if (next === null || typeof next !== "object") {
      const made = typeof path[i + 1] === "number" ? [] : {};
      defineOwn(node as Record<string, unknown>, String(key), made);
      node = made as Record<string | number, unknown>;
    } else {
      node = next as Record<string | number, unknown>;
    }
  }
  return copy;
}

/** A copy of `root` without the value at `path`. */
export function withoutValueAt(root: unknown, path: FieldPath): unknown {
  const copy = cloneJson(root ?? {});
  let node = copy as Record<string | number, unknown>;
  for (const [i, key] of path.entries()) {
    if (node === null || typeof node !== "object") return copy;
    if (i === path.length - 1) {
      if (Array.isArray(node)) node.splice(Number(key), 1);
      else delete node[key];
      break;
    }
    node = node[key] as Record<string | number, unknown>;
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// JSON Schema of a zod schema, and the fields it names.

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** The input JSON Schema of a zod schema with every `$ref` resolved in place. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const root = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    reused: "inline",
  }) as JsonSchema;
  const defs = root.$defs ?? {};
  const resolve = (node: JsonSchema, depth: number): JsonSchema => {
    if (depth > 20) return {};
    let current = node;
    while (current.$ref) {
      const name = current.$ref.replace(/^#\/\$defs\//, "");
      current = { ...defs[name], ...current, $ref: undefined };
    }
    const out: JsonSchema = { ...current };
    delete out.$defs;
    delete out.$ref;
    if (out.properties) {
      out.properties = Object.fromEntries(
        Object.entries(out.properties).map(([k, v]) => [k, resolve(v, depth + 1)]),
      );
    }
    if (out.items) out.items = resolve(out.items, depth + 1);
    if (out.anyOf) out.anyOf = out.anyOf.map((v) => resolve(v, depth + 1));
    if (out.oneOf) out.oneOf = out.oneOf.map((v) => resolve(v, depth + 1));
    return out;
  };
  return resolve(root, 0);
}

/** The concrete alternatives of a node: `anyOf` / `oneOf` / `type: [a, b]` flattened. */
export function alternativesOf(node: JsonSchema): JsonSchema[] {
  const union = node.anyOf ?? node.oneOf;
  if (union) return union.flatMap(alternativesOf);
  if (Array.isArray(node.type)) return node.type.map((type) => ({ ...node, type }));
  return [node];
}

export type JsonType = "string" | "number" | "integer" | "boolean" | "null" | "array" | "object";

/** Every JSON type a node accepts (an `enum` or `const` accepts the types of its values). */
export function typesOf(node: JsonSchema): Set<JsonType> {
  const types = new Set<JsonType>();
  for (const alt of alternativesOf(node)) {
    const values = alt.enum ?? (alt.const !== undefined ? [alt.const] : undefined);
    if (values) {
      for (const v of values) types.add(v === null ? "null" : (typeof v as JsonType));
    } else if (typeof alt.type === "string") {
      types.add(alt.type as JsonType);
    } else {
      // No type at all: anything goes.
      for (const t of ["string", "number", "boolean", "null", "array", "object"] as const) {
        types.add(t);
      }
    }
  }
  return types;
}

export type Field = { path: FieldPath; node: JsonSchema; required: boolean };

/**
 * The fields of an object schema: its own properties, and one level into nested objects and
 * into the first item of arrays of objects that the sample fills in.
 */
export function fieldsOf(node: JsonSchema, sample: unknown, prefix: FieldPath = []): Field[] {
  const objectNode = alternativesOf(node).find((alt) => alt.type === "object" && alt.properties);
  if (!objectNode?.properties || prefix.length > 2) return [];
  const required = new Set(objectNode.required ?? []);
  const fields: Field[] = [];
  for (const [name, child] of Object.entries(objectNode.properties)) {
    const path = [...prefix, name];
    fields.push({ path, node: child, required: required.has(name) });
    const value =
      sample !== null && typeof sample === "object"
        ? (sample as Record<string, unknown>)[name]
        : undefined;
    fields.push(...fieldsOf(child, value, path));
    const arrayNode = alternativesOf(child).find((alt) => alt.type === "array" && alt.items);
    if (arrayNode?.items && Array.isArray(value) && value.length > 0) {
      fields.push(...fieldsOf(arrayNode.items, value[0], [...path, 0]));
    }
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Hostile strings.

export const SQL_PAYLOADS = [
  "'; drop table vitals; --",
  "1 or 1=1",
  "' OR '1'='1",
  '" OR ""="',
  "1); DELETE FROM patients; --",
  "'||pg_sleep(5)||'",
  "$1",
  "\\",
  "%",
  "_",
  "%_%",
  "' union all select password_hash from users --",
  "E'\\x00'",
  "$$; drop table notes; $$",
] as const;

export const MARKUP_PAYLOADS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  "=cmd|' /C calc'!A0",
  "+1+1",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "../../../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "__proto__",
  "constructor",
  "toString",
] as const;

export const UNICODE_PAYLOADS = [
  "👩‍⚕️💉🧠",
  "🏳️‍🌈👨‍👩‍👧‍👦",
  "\u202Eevil\u202C",
  "مريض اختبار",
  "עברית",
  "\u200B\u200C\u200D\uFEFF",
  "Z̴̡̛̪a̷͕l̶̞͝g̸̱o̷̪",
  "\u0000",
  "a\u0000b",
  "\u0001\u0007\u001b[31mred\u001b[0m",
  "\r\n\r\n",
  "\t",
  "\u2028\u2029",
  "\uD800",
  "\uDFFF\uD800",
  "\uFFFF\uFFFE",
  "ﬀ İ ß ǅ",
  "   ",
  "",
] as const;

/** Characters mixed into generated strings. */
const hostileChar = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      "\u0000",
      "\u0001",
      "\u001f",
      "\u007f",
      "\u200B",
      "\u202E",
      "\uFEFF",
      "'",
      '"',
      "\\",
      "<",
      "%",
    ),
    weight: 2,
  },
);

/** A string `n` units long from a repeated piece (cheap to make, cheap to shrink). */
function repeated(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom("x", "é", "💉", "'; --", "\u0000", "a b", "<b>", "\u202E"),
      fc.integer({ min, max }),
    )
    .map(([piece, n]) => piece.repeat(Math.max(1, Math.ceil(n / piece.length))).slice(0, n));
}

/** Huge strings: 10k characters typical, about 1 MB now and then. */
export const hugeString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: repeated(2_000, 10_000), weight: 8 },
  { arbitrary: repeated(10_001, 100_000), weight: 2 },
  { arbitrary: repeated(900_000, 1_000_000), weight: 1 },
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_PAYLOADS), weight: 3 },
  { arbitrary: fc.constantFrom(...MARKUP_PAYLOADS), weight: 2 },
  { arbitrary: fc.constantFrom(...UNICODE_PAYLOADS), weight: 3 },
  { arbitrary: fc.string({ unit: hostileChar, maxLength: 40 }), weight: 3 },
  { arbitrary: hugeString, weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(...SQL_PAYLOADS, ...MARKUP_PAYLOADS),
        fc.constantFrom(...UNICODE_PAYLOADS),
      )
      .map(([a, b]) => `${b}${a}${b}`),
    weight: 2,
  },
);

// ---------------------------------------------------------------------------------------------
// Boundary numbers (NaN and Infinity are not JSON; 1e400 is, and parses to Infinity).

export const boundaryNumber: fc.Arbitrary<number | RawNumber> = fc.oneof(
  {
    arbitrary: fc.constantFrom<number | RawNumber>(
      -0,
      0,
      -1,
      1,
      0.5,
      -0.5,
      1e308,
      -1e308,
      2 ** 53 + 1,
      -(2 ** 53 + 1),
      2 ** 31,
      2 ** 31 - 1,
      -(2 ** 31),
      32_767,
      32_768,
      -32_769,
      65_536,
      Number.MIN_VALUE,
      Number.EPSILON,
      Number.MAX_VALUE,
      1e-7,
      99.999999999,
      0.1 + 0.2,
      new RawNumber("-0"),
      new RawNumber("1e400"),
      new RawNumber("-1e400"),
      new RawNumber("9007199254740993"),
      new RawNumber("1.0"),
      new RawNumber("1E2"),
      new RawNumber("0.0000000000000000000000000000001"),
      new RawNumber("123456789012345678901234567890"),
    ),
    weight: 4,
  },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// Dates and times, plausible and not.

const DAY = 86_400_000;

export const boundaryDate = fc.constantFrom(
  "0000-01-01",
  "0001-01-01",
  "1000-02-29",
  "1900-01-01",
  "1970-01-01",
  "2000-02-29",
  "2038-01-19",
  "9999-12-31",
);

export const boundaryDateTime = fc.constantFrom(
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00+23:59",
  "1970-01-01T00:00:00Z",
  "2000-02-29T12:00:00-23:59",
  "9999-12-31T23:59:59.999999999999Z",
  "9999-12-31T23:59:59+00:00",
);

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date near today (so that it may well be accepted), or a boundary one. */
export function dateArb(now: number): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: -400, max: 400 }).map((d) => isoDay(now + d * DAY)), weight: 3 },
    { arbitrary: boundaryDate, weight: 1 },
  );
}

/** An instant near now, with a random offset, or a boundary one. */
export function dateTimeArb(now: number): fc.Arbitrary<string> {
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.integer({ min: -3 * DAY, max: 30 * DAY }),
          fc.constantFrom("Z", "+00:00", "-05:00"),
        )
        .map(([delta, zone]) => {
          const iso = new Date(now + delta).toISOString();
          if (zone === "Z") return iso;
          const shift = zone === "-05:00" ? -5 * 3_600_000 : 0;
          return `${new Date(now + delta + shift).toISOString().slice(0, 23)}${zone}`;
        }),
      weight: 3,
    },
    { arbitrary: boundaryDateTime, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Values for a schema node: plausible ones, and ones of the wrong type.

export type ValueContext = {
  now: number;
  /** Real ids of every kind, and random ones. */
  uuid: fc.Arbitrary<string>;
};

function numberIn(alt: JsonSchema): fc.Arbitrary<number> {
  const low = alt.minimum ?? (alt.exclusiveMinimum !== undefined ? alt.exclusiveMinimum : -1000);
  const high = alt.maximum ?? (alt.exclusiveMaximum !== undefined ? alt.exclusiveMaximum : 1000);
  if (alt.type === "integer") return fc.integer({ min: Math.ceil(low), max: Math.floor(high) });
  return fc.oneof(
    fc.integer({ min: Math.ceil(low), max: Math.floor(high) }),
    fc.double({ min: low, max: high, noNaN: true }),
  );
}

function stringIn(alt: JsonSchema, name: string, ctx: ValueContext): fc.Arbitrary<string> {
  if (alt.format === "uuid") return ctx.uuid;
  if (alt.format === "date") return dateArb(ctx.now);
  if (alt.format === "date-time") return dateTimeArb(ctx.now);
  if (alt.pattern?.includes("[0-5]\\d$")) {
    return fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  }
  if (/email/i.test(name)) {
    return fc.oneof(
      fc.emailAddress(),
      fc.constantFrom("a@b.co", "ADMIN@DEMO.KAPSTONE.TEST", "x'--@evil.test", "ü@例え.jp"),
    );
  }
  if (/phone/i.test(name)) {
    return fc.constantFrom("207-555-0143", "+1 (207) 555-0143", "0000000", "+999999999999999");
  }
  if (alt.pattern?.startsWith("^[A-Za-z0-9]")) {
    return fc.stringMatching(new RegExp(alt.pattern));
  }
  const min = alt.minLength ?? 0;
  const max = Math.min(alt.maxLength ?? 200, 200);
  return fc.oneof(
    fc.string({ unit: hostileChar, minLength: min, maxLength: Math.max(min, max) }),
    hostileString,
  );
}

/** A value of the node's own type(s): often valid, sometimes out of range. */
export function plausibleValue(
  node: JsonSchema,
  name: string,
  ctx: ValueContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  const choices = alternativesOf(node).map((alt): fc.Arbitrary<unknown> => {
    if (alt.enum) return fc.constantFrom(...alt.enum);
    if (alt.const !== undefined) return fc.constant(alt.const);
    switch (alt.type) {
      case "string":
        return stringIn(alt, name, ctx);
      case "number":
      case "integer":
        return fc.oneof(
          { arbitrary: numberIn(alt), weight: 3 },
          { arbitrary: boundaryNumber, weight: 1 },
        );
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return fc.array(
          alt.items ? plausibleValue(alt.items, name, ctx, depth + 1) : fc.integer(),
          {
            minLength: alt.minItems ?? 0,
            maxLength: Math.min(alt.maxItems ?? 30, 30),
          },
        );
      case "object":
        return depth > 3 ? fc.constant({}) : plausibleObject(alt, ctx, depth + 1);
      default:
        return hostileValue;
    }
  });
  return fc.oneof(...choices);
}

/** An object of the node's shape: required fields always, optional ones half the time. */
export function plausibleObject(
  node: JsonSchema,
  ctx: ValueContext,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = node.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [k, plausibleValue(v, k, ctx, depth)]),
  );
  return fc.record(model, { requiredKeys: node.required ?? [] }) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

/** Arrays of many elements, and arrays nested deep. */
export const hugeArray: fc.Arbitrary<unknown[]> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1_000, max: 100_000 }),
      fc.constantFrom<unknown>(1, 0, "x", null, {}, []),
    )
    .map(([n, item]) => Array.from({ length: n }, () => item)),
  fc.integer({ min: 100, max: 2_000 }).map((depth) => {
    let value: unknown[] = [];
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: boundaryNumber, weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constantFrom({}, [], [null], { $ne: null }, { $gt: "" }), weight: 2 },
  { arbitrary: hugeArray, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

/** A value of a JSON type the node does not accept (a fraction where an integer is wanted). */
export function wrongTypeValue(node: JsonSchema): fc.Arbitrary<unknown> {
  const accepted = typesOf(node);
  const pools: fc.Arbitrary<unknown>[] = [];
  if (!accepted.has("string")) {
    pools.push(hostileString, fc.constantFrom("1", "true", "null", "[]", "2026-01-01"));
  }
  if (!accepted.has("number") && !accepted.has("integer")) pools.push(boundaryNumber);
  if (accepted.has("integer") && !accepted.has("number")) {
    pools.push(fc.constantFrom(0.5, -0.5, 1.0000001, 1e-7, 2 ** 53 + 0.5));
  }
  if (!accepted.has("boolean")) pools.push(fc.boolean());
  if (!accepted.has("null")) pools.push(fc.constant(null));
  if (!accepted.has("array")) pools.push(fc.constantFrom([], [1], ["a"], [null]), hugeArray);
  if (!accepted.has("object")) {
    pools.push(fc.constantFrom({}, { $ne: null }, { toString: "x" }, { valueOf: 1 }));
  }
  return pools.length > 0 ? fc.oneof(...pools) : hostileValue;
}

// ---------------------------------------------------------------------------------------------
// Request bodies that are not JSON objects at all.

function nested(open: string, middle: string, close: string, depth: number): string {
  return `${open.repeat(depth)}${middle}${close.repeat(depth)}`;
}

/** Raw bodies: truncated, not an object, not JSON, nested 10k deep, with duplicate keys. */
export function malformedJson(sampleText: string, sample: unknown): fc.Arbitrary<string> {
  const entries =
    sample !== null && typeof sample === "object" && !Array.isArray(sample)
      ? Object.entries(sample)
      : [];
  const fixed = fc.constantFrom(
    "[]",
    "null",
    '"str"',
    "0",
    "-0",
    "true",
    "{",
    "}",
    "{]",
    '{"a":}',
    "{'kind':'progress'}",
    "{kind: 1}",
    "NaN",
    "Infinity",
    "undefined",
    '{"a":1,}',
    "\u0000",
    "\uFEFF{}",
    `\uFEFF${sampleText}`,
    `${sampleText}garbage`,
    `${sampleText},`,
    `/* comment */${sampleText}`,
    `[${sampleText}]`,
    JSON.stringify(sampleText),
    nested("[", "", "]", 10_000),
    nested('{"a":', "1", "}", 10_000),
    nested("[", "", "", 10_000),
    `${"[".repeat(100_000)}`,
  );
  const truncated = fc
    .integer({ min: 0, max: Math.max(0, sampleText.length - 1) })
    .map((n) => sampleText.slice(0, n));
  const arbitraries: fc.Arbitrary<string>[] = [fixed, truncated];
  if (entries.length > 0) {
    // The same key twice: JSON.parse keeps the last one, so a valid value may come first or last.
    const duplicate = fc
      .tuple(fc.nat({ max: entries.length - 1 }), hostileValue, fc.boolean())
      .map(([i, hostile, hostileFirst]) => {
        const [key, value] = entries[i] ?? ["x", 1];
        const rest = entries.filter((_, j) => j !== i);
        const pair = (v: unknown) => `${JSON.stringify(key)}:${toJsonText(v)}`;
        const pairs = [
          ...rest.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`),
          hostileFirst ? pair(hostile) : pair(value),
          hostileFirst ? pair(value) : pair(hostile),
        ];
        return `{${pairs.join(",")}}`;
      });
    arbitraries.push(duplicate);
  }
  return fc.oneof(...arbitraries);
}

// ---------------------------------------------------------------------------------------------
// Headers a client can actually send (fetch refuses NUL, CR, LF and anything above U+00FF).

const latin1Char = fc
  .integer({ min: 1, max: 0xff })
  .filter((c) => c !== 0x0a && c !== 0x0d)
  .map((c) => String.fromCharCode(c));

export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "short",
    "a".repeat(7),
    "a".repeat(8),
    "a".repeat(100),
    "a".repeat(101),
    "key with spaces",
    "key\twith\ttabs",
    "key\u0001\u0007\u001f\u007fcontrol",
    "'; drop table vitals; --",
    "1 or 1=1",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "ÿÿÿÿÿÿÿÿÿÿ",
  ),
  fc.integer({ min: 101, max: 10_000 }).map((n) => "k".repeat(n)),
  fc.string({ unit: latin1Char, minLength: 1, maxLength: 120 }),
  fc.stringMatching(/^[A-Za-z0-9._:-]{8,100}$/),
);

/** Whether fetch would send this header value at all. */
export function isSendableHeaderValue(value: string): boolean {
  try {
    new Headers({ "x-probe": value });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Query strings.

export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  {
    arbitrary: fc.constantFrom(
      "-1",
      "0",
      "-0",
      "1e308",
      "-1e308",
      "NaN",
      "Infinity",
      "1.5",
      "007",
      "0x10",
      " 1",
      "1 ",
      "9007199254740993",
      "100001",
      "true",
      "[]",
      "{}",
      "2026-02-30",
      "0000-01-01",
      "9999-12-31T23:59:59Z",
    ),
    weight: 3,
  },
);
