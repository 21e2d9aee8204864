/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every
 * statement runs synchronously on the thread that owns it. Run on the web server's thread, each
 * query stops every other request for as long as it takes; here it runs beside the server, which
 * goes on parsing, rendering and answering meanwhile. See db/pglite-thread.ts for the other side.
 *
 * Messages in:  { id, kind: "query", sql, params, rowMode, rawTypes, tx? }
 *               { id, kind: "exec", sql, tx? }
 *               { id, kind: "begin" }            → answers the transaction's number
 *               { id, kind: "end", tx, commit }  → commits or rolls back, then answers
 *               { id, kind: "close" }
 * Messages out: { ready: true } once open, { failed: error } when it cannot open,
 *               { id, ok: true, result } or { id, ok: false, error }.
 *
 * PGlite runs one statement or one transaction at a time: a query outside a transaction waits
 * for the open one to end, exactly as it does in the server thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

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
  };
}

const ROLLBACK = Symbol("rollback");
const transactions = new Map();
let lastTransaction = 0;

function begin(database, request) {
  const tx = ++lastTransaction;
  const box = mailbox();
  transactions.set(tx, box);
  let end = null;
  database
    .transaction(async (transaction) => {
      answer(request.id, tx);
      for (;;) {
        const message = await box.take();
        if (message.kind === "end") {
          end = message;
          if (!message.commit) throw ROLLBACK;
          return;
        }
        try {
          answer(message.id, await run(transaction, message));
        } catch (error) {
          refuse(message.id, error);
        }
      }
    })
    .then(
      () => answer(end.id, null),
      (error) => {
        if (error === ROLLBACK) answer(end.id, null);
        else refuse(end ? end.id : request.id, error);
      },
    )
    .finally(() => transactions.delete(tx));
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
    if (message.kind !== "begin" && message.tx !== undefined) {
      const box = transactions.get(message.tx);
      if (box) box.put(message);
      else refuse(message.id, new Error(`Transaction ${message.tx} is not open.`));
      return;
    }
    if (message.kind === "begin") begin(database, message);
    else if (message.kind === "close") {
      database.close().then(
        () => answer(message.id, null),
        (error) => refuse(message.id, error),
      );
    } else {
      run(database, message).then(
        (result) => answer(message.id, result),
        (error) => refuse(message.id, error),
      );
    }
  });
  parentPort.postMessage({ ready: true });
}

void main();
