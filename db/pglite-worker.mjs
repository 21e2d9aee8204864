/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every
 * statement runs synchronously on the thread that owns it. Run on the web server's thread, each
 * query stops every other request for as long as it takes; here it runs beside the server, which
 * goes on parsing, rendering and answering meanwhile. See db/pglite-thread.ts for the other side.
 *
 * Messages in:  { id, kind: "query", sql, params, rowMode, rawTypes, tx?, begin? }
 *               { id, kind: "exec", sql, tx?, begin? }
 *               { id, kind: "end", tx, commit }  → commits or rolls back, then answers
 *               A transaction is numbered by the other side; its first statement carries
 *               begin: true and opens it.
 *               { id, kind: "close" }
 * Messages out: { ready: true } once open, { failed: error } when it cannot open,
 *               { id, ok: true, result } or { id, ok: false, error }.
 *
 * PGlite runs one statement or one transaction at a time: a query outside a transaction waits
 * for the open one to end, exactly as it does in the server thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, parse, protocol } from "@electric-sql/pglite";

const ERROR_FIELDS = [
  "code",
  "detail",
  "hint",
  "constraint",
  "table",
  "column",
  "schema",
  "severity",
  "position",
  "dataType",
  "routine",
  "where",
];

function plainError(error) {
  const out = {
    message: error instanceof Error ? error.message : String(error),
    name: error instanceof Error ? error.name : "Error",
  };
  for (const field of ERROR_FIELDS) {
    if (error && typeof error === "object" && error[field] !== undefined) out[field] = error[field];
  }
  return out;
}

const identity = (value) => value;

/** The client asks for some types as the database's text (Drizzle does, for dates and times). */
function queryOptions(message) {
  const parsers = {};
  for (const type of message.rawTypes ?? []) parsers[type] = identity;
  return { rowMode: message.rowMode, parsers };
}

/**
 * The database's type parsers with the client's text types laid over them, made once per set of
 * text types. Handed `parsers` in its options, PGlite's result parser copies all of the
 * database's ~350 parsers into a new object for every statement: 0.11 ms of this thread per
 * statement, against 0.01 ms to parse a row of the bedside's locked read. The overlay inherits
 * from the database's own table, so types PGlite learns later (array types) still show through.
 */
const overlays = new Map();

function parsersFor(database, message) {
  const key = (message.rawTypes ?? []).join(",");
  let overlay = overlays.get(key);
  if (!overlay || Object.getPrototypeOf(overlay) !== database.parsers) {
    overlay = Object.create(database.parsers);
    for (const type of message.rawTypes ?? []) overlay[type] = identity;
    overlays.set(key, overlay);
  }
  return overlay;
}

/**
 * Statements with parameters are prepared once per text and then only bound and executed, as on
 * PostgreSQL: parsing and planning a statement cost PGlite more than running most of them (the
 * bedside's locked read: about 1.0 ms of 1.3). Texts are a fixed set in Kapstone (lists vary only
 * in length); past MAX_PREPARED the rest run unprepared. Prepared statements outlive rollbacks,
 * and PostgreSQL replans them itself when a table they use changes.
 */
const MAX_PREPARED = 1000;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
const prepared = new Map();

/** Parse (once), bind, describe, execute and sync: PGlite's own query, with a named statement. */
async function runPrepared(database, message) {
  const send = (bytes) => database.execProtocolStream(bytes, { syncToFs: false });
  const replies = [];
  try {
    let statement = prepared.get(message.sql);
    if (!statement) {
      const name = `kapstone_${prepared.size + 1}`;
      await send(protocol.serialize.parse({ name, text: message.sql }));
      const described = await send(protocol.serialize.describe({ type: "S", name }));
      statement = { name, types: parse.parseDescribeStatementResults(described) };
      prepared.set(message.sql, statement);
    }
    const values = message.params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = database.serializers[statement.types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    replies.push(
      ...(await send(protocol.serialize.bind({ statement: statement.name, values }))),
      ...(await send(protocol.serialize.describe({ type: "P" }))),
      ...(await send(protocol.serialize.execute({}))),
    );
  } finally {
    replies.push(...(await send(protocol.serialize.sync())));
  }
  const [{ rows, fields, affectedRows }] = parse.parseResults(
    replies,
    parsersFor(database, message),
    { rowMode: message.rowMode },
  );
  return { rows, fields, affectedRows };
}

const preparable = (message) =>
  message.params?.length > 0 &&
  PREPARABLE.test(message.sql) &&
  (prepared.has(message.sql) || prepared.size < MAX_PREPARED);

/** One statement inside the open transaction (whose lock this thread holds). */
async function runInTransaction(database, transaction, message) {
  if (message.kind === "query" && preparable(message)) {
    return database.runExclusive(() => runPrepared(database, message));
  }
  return run(transaction, message);
}

/** One statement on its own: it waits for an open transaction to end, as PGlite's query does. */
async function runAlone(database, message) {
  if (message.kind === "query" && preparable(message)) {
    // PGlite's query() takes these two locks in this order; its transaction() holds the first.
    return database._runExclusiveTransaction(() =>
      database.runExclusive(() => runPrepared(database, message)),
    );
  }
  return run(database, message);
}

async function run(target, message) {
  if (message.kind === "query") {
    const { rows, fields, affectedRows } = await target.query(
      message.sql,
      message.params,
      queryOptions(message),
    );
    return { rows, fields, affectedRows };
  }
  if (message.kind === "exec") {
    const results = await target.exec(message.sql);
    return results.map(({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows }));
  }
  throw new Error(`Unknown request ${message.kind}`);
}

const answer = (id, result) => parentPort.postMessage({ id, ok: true, result });
const refuse = (id, error) => parentPort.postMessage({ id, ok: false, error: plainError(error) });

/** Messages for one open transaction, taken in order by the transaction's loop. */
function mailbox() {
  const waiting = [];
  const takers = [];
  return {
    put(message) {
      const take = takers.shift();
      if (take) take(message);
      else waiting.push(message);
    },
    take() {
      const next = waiting.shift();
      return next ? Promise.resolve(next) : new Promise((resolve) => takers.push(resolve));
    },
    /** The messages no one took (the transaction could not begin). */
    drain() {
      return waiting.splice(0);
    },
  };
}

const ROLLBACK = Symbol("rollback");
const transactions = new Map();

/** Opens transaction `tx` (numbered by the server thread) and runs its messages in order. */
function begin(database, tx) {
  const box = mailbox();
  transactions.set(tx, box);
  let end = null;
  database
    .transaction(async (transaction) => {
      for (;;) {
        const message = await box.take();
        if (message.kind === "end") {
          end = message;
          if (!message.commit) throw ROLLBACK;
          return;
        }
        try {
          answer(message.id, await runInTransaction(database, transaction, message));
        } catch (error) {
          refuse(message.id, error);
        }
      }
    })
    .then(
      () => answer(end.id, null),
      (error) => {
        if (error === ROLLBACK) answer(end.id, null);
        else if (end) refuse(end.id, error);
        // It could not begin: every message sent to it gets the reason.
        for (const message of box.drain()) refuse(message.id, error);
      },
    )
    .finally(() => transactions.delete(tx));
  return box;
}

async function main() {
  let database;
  try {
    database = await PGlite.create(workerData.dataDir);
  } catch (error) {
    parentPort.postMessage({ failed: plainError(error) });
    return;
  }
  parentPort.on("message", (message) => {
    if (message.tx !== undefined) {
      const box = message.begin ? begin(database, message.tx) : transactions.get(message.tx);
      if (box) box.put(message);
      else refuse(message.id, new Error(`Transaction ${message.tx} is not open.`));
      return;
    }
    if (message.kind === "close") {
      database.close().then(
        () => answer(message.id, null),
        (error) => refuse(message.id, error),
      );
    } else {
      runAlone(database, message).then(
        (result) => answer(message.id, result),
        (error) => refuse(message.id, error),
      );
    }
  });
  parentPort.postMessage({ ready: true });
}

void main();
