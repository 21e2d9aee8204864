/**
 * Pieces for writes that must cost one round trip: several inserts joined into one statement
 * with data-modifying CTEs. Every round trip counts on the bedside path, and most on PGlite,
 * where each statement runs on the server's own thread.
 */
import {
  getTableColumns,
  is,
  Placeholder,
  SQL,
  sql,
  type Column,
  type Query,
  type SQLWrapper,
} from "drizzle-orm";
import { PgDialect, type PgTable } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./client";

/**
 * `insert into <table> (…) select <values> from <source>`: the rows are written only when
 * `source` (a CTE of the same statement, say the row they belong to) holds a row. Each value is
 * encoded as its column encodes it and cast to the column's type, since a parameter in a
 * SELECT list takes no type from the column it lands in. A value may also be an SQL expression
 * (say, a count of another CTE), or a placeholder bound when the statement runs, then encoded as
 * its column encodes it (a jsonb column's object, a timestamp's Date; null stays null). All rows
 * must name the same columns.
 */
export function insertWhen<T extends PgTable>(
  table: T,
  rows: readonly { [K in keyof T["$inferInsert"]]: T["$inferInsert"][K] | SQL | Placeholder }[],
  source: SQL,
): SQL {
  const first = rows[0];
  if (!first) throw new Error("insertWhen needs at least one row");
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => k in columns);
  const names = keys.map((k) => sql.identifier(columns[k]!.name));
  const selects = rows.map((row) => {
    const values = keys.map((k) => {
      const column = columns[k]!;
      const value = (row as Record<string, unknown>)[k];
      const type = sql.raw(column.getSQLType());
      if (is(value, SQL)) return sql`(${value})::${type}`;
      if (is(value, Placeholder)) {
        // Encoded when bound; a null stays null (a timestamp's or jsonb's encoder would not).
        const encoder = {
          mapToDriverValue: (bound: unknown) =>
            bound === null || bound === undefined ? null : column.mapToDriverValue(bound),
        };
        return sql`${sql.param(value, encoder)}::${type}`;
      }
      return value === null || value === undefined
        ? sql`null::${type}`
        : sql`${sql.param(value, column)}::${type}`;
    });
    return sql`select ${sql.join(values, sql`, `)} from ${source}`;
  });
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) ${sql.join(selects, sql` union all `)}`;
}

/** The rows of a raw statement, whichever driver ran it (PGlite answers { rows }, postgres.js an array). */
export async function queryRows<R extends Record<string, unknown>>(
  db: Db | Tx,
  statement: SQL,
): Promise<R[]> {
  return rowsOf<R>(await db.execute(statement));
}

function rowsOf<R extends Record<string, unknown>>(result: unknown): R[] {
  if (Array.isArray(result)) return result as R[];
  return ((result as { rows?: R[] }).rows ?? []) as R[];
}

/** A json column as the driver hands it over: parsed already (postgres.js), or as text (PGlite). */
export function fromJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** A JSON subquery as a selected column, handed over parsed whichever driver ran it. */
export function jsonColumn<T>(query: SQL): SQL<T | null> {
  return sql`${query}`.mapWith((value: unknown) => fromJson<T>(value));
}

/**
 * One page of `query`'s rows, with the row count written into the statement's text instead of
 * sent as a parameter (it must be a whole number already validated, such as a page size).
 * PostgreSQL plans a prepared statement whose LIMIT is a parameter anew on every execution (its
 * generic plan cannot know how many rows are wanted): the caseload's first page spent 1.0 ms
 * planning before 4.4 ms of work. With the count in the text it keeps one plan after five
 * executions. The offset stays a parameter (a number, or a bound placeholder), so the texts stay
 * as few as the page sizes; a first page has none (an OFFSET parameter would bring the planning
 * back).
 */
export function pageOf(query: SQLWrapper, rows: number, offset: number | SQL | null): SQL {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`Not a row count: ${rows}`);
  const skip = typeof offset === "number" ? (offset > 0 ? offset : null) : offset;
  return sql`${query.getSQL()} limit ${sql.raw(String(rows))}${skip === null ? sql`` : sql` offset ${skip}`}`;
}

/** A value bound when a kept statement runs (see keptStatements). */
export function placeholder(name: string): SQL {
  return sql`${sql.placeholder(name)}`;
}

/**
 * `build` kept per database and shape of query: a statement written once through the ORM and
 * then only bound to each request's values (placeholders) — writing a large statement costs the
 * server more than reading its answer. The shape is what decides the statement's text; at most
 * `limit` shapes are kept per database, the oldest dropped first.
 */
export function keptStatements<Shape, Statement>(
  build: (db: Db, shape: Shape) => Statement,
  limit = 64,
): (db: Db, shape: Shape) => Statement {
  const byDatabase = new WeakMap<Db, Map<string, Statement>>();
  return (db, shape) => {
    let kept = byDatabase.get(db);
    if (!kept) {
      kept = new Map();
      byDatabase.set(db, kept);
    }
    const key = JSON.stringify(shape);
    let statement = kept.get(key);
    if (statement === undefined) {
      const oldest = kept.keys().next();
      if (kept.size >= limit && !oldest.done) kept.delete(oldest.value);
      statement = build(db, shape);
      kept.set(key, statement);
    }
    return statement;
  };
}

const dialect = new PgDialect();

/**
 * A statement written once through the ORM, with placeholders for its values, then run on a
 * database or inside a transaction with each call's values. keptStatements keeps a prepared
 * query, which belongs to one database handle and cannot run in a transaction; this keeps the
 * statement's text and the order of its values. Writing the vitals entry's statements anew cost
 * the server's thread about 0.6 ms per entry, while their transaction held the embedded
 * database. `build` is given the handle of the first run (the text does not depend on it). Rows
 * come back as the driver hands them: under the names the statement gives its columns, values
 * not decoded (see decodeRow).
 */
export function fixedStatement(
  build: (db: Db | Tx) => SQL,
): (db: Db | Tx, values: Record<string, unknown>) => Promise<Record<string, unknown>[]> {
  let query: Query | null = null;
  return async (db, values) => {
    query ??= dialect.sqlToQuery(build(db));
    const result: unknown = await db._.session
      .prepareQuery(query, undefined, undefined, false)
      .execute(values);
    return rowsOf(result);
  };
}

/** `table`'s columns for a fixed statement's SELECT list, each under its property name. */
export function selectedAs(table: PgTable): SQL {
  return sql.join(
    Object.entries(getTableColumns(table)).map(
      ([key, column]) => sql`${column} as ${sql.identifier(key)}`,
    ),
    sql`, `,
  );
}

/** One value of a fixed statement's row, decoded as `column` decodes it (null stays null). */
export function decodeValue<C extends Column>(column: C, value: unknown): C["_"]["data"] | null {
  return value === null || value === undefined
    ? null
    : (column.mapFromDriverValue(value) as C["_"]["data"]);
}

/** A row of `table` selected with selectedAs, decoded as the ORM decodes its columns. */
export function decodeRow<T extends PgTable>(
  table: T,
  row: Record<string, unknown>,
): T["$inferSelect"] {
  const decoded: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    decoded[key] = decodeValue(column, row[key]);
  }
  return decoded as T["$inferSelect"];
}
