/**
 * Embedded PGlite on a thread of its own (db/pglite-worker.mjs), behind the part of PGlite's
 * interface Drizzle uses: query, exec and transaction. The web server's thread then only sends
 * statements and reads answers; the database's WebAssembly runs on the other core.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";

type Fields = { name: string; dataTypeID: number }[];
export type ThreadResults = { rows: unknown[]; fields: Fields; affectedRows?: number };
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, unknown> };

type Request =
  | { kind: "query"; sql: string; params: unknown[]; rowMode?: string; rawTypes: number[] }
  | { kind: "exec"; sql: string }
  | { kind: "end"; commit: boolean }
  | { kind: "close" };

/** Which transaction a statement belongs to; its first statement also opens it. */
type InTransaction = { tx: number; begin?: true };

type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WireError };
type WireError = { message: string; name: string } & Record<string, unknown>;

export const PGLITE_WORKER_FILE = path.join(process.cwd(), "db", "pglite-worker.mjs");

/** A database error as the server thread raised it: message, SQLSTATE code, constraint… */
function rebuild(error: WireError): Error {
  const { message, name, ...fields } = error;
  const rebuilt = Object.assign(new Error(message), fields);
  rebuilt.name = name;
  return rebuilt;
}

/** What a statement sent inside a transaction runs on (Drizzle's transaction client). */
export type ThreadTransaction = {
  query: (sql: string, params?: unknown[], options?: QueryOptions) => Promise<ThreadResults>;
  exec: (sql: string) => Promise<ThreadResults[]>;
};

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #lastId = 0;
  #lastTransaction = 0;
  #down: Error | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("message", (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(rebuild(reply.error));
    });
    const stop = (error: Error): void => {
      this.#down ??= error;
      for (const waiter of this.#pending.values()) waiter.reject(this.#down);
      this.#pending.clear();
    };
    worker.on("error", (error) =>
      stop(new Error(`The embedded database stopped: ${error.message}`)),
    );
    worker.on("exit", () => stop(new Error("The embedded database has been closed.")));
  }

  /** Opens the database in `dataDir` (or "memory://") on a new thread; resolves once it is open. */
  static async open(dataDir: string): Promise<PgliteThread> {
    const worker = new Worker(PGLITE_WORKER_FILE, { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: true; failed?: WireError }): void => {
        if (!message.ready && !message.failed) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        if (message.ready) resolve();
        else {
          void worker.terminate();
          reject(rebuild(message.failed!));
        }
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    return new PgliteThread(worker);
  }

  #send<T>(request: Request & Partial<InTransaction>): Promise<T> {
    if (this.#down) return Promise.reject(this.#down);
    const id = ++this.#lastId;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, ...request });
    });
  }

  #query(
    tx: InTransaction | undefined,
    sql: string,
    params: unknown[] = [],
    options?: QueryOptions,
  ) {
    return this.#send<ThreadResults>({
      kind: "query",
      sql,
      params,
      rowMode: options?.rowMode,
      // Drizzle passes parsers only to keep these types as the database's text.
      rawTypes: Object.keys(options?.parsers ?? {}).map(Number),
      ...tx,
    });
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults> {
    return this.#query(undefined, sql, params, options);
  }

  exec(sql: string): Promise<ThreadResults[]> {
    return this.#send<ThreadResults[]>({ kind: "exec", sql });
  }

  /**
   * Runs `callback` in one transaction: committed when it returns, rolled back when it throws.
   *
   * The transaction begins with its first statement, sent together with it, not a message
   * earlier: PGlite runs one transaction at a time, and every answer the transaction waits for
   * on this thread — which is busy with other requests meanwhile — keeps all other statements
   * waiting. A callback that sends nothing opens nothing.
   */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const id = ++this.#lastTransaction;
    let begun = false;
    const next = (): InTransaction => {
      if (begun) return { tx: id };
      begun = true;
      return { tx: id, begin: true };
    };
    const client: ThreadTransaction = {
      query: (sql, params, options) => this.#query(next(), sql, params, options),
      exec: (sql) => this.#send<ThreadResults[]>({ kind: "exec", sql, ...next() }),
    };
    let result: T;
    try {
      result = await callback(client);
    } catch (error) {
      if (begun) await this.#send({ kind: "end", commit: false, tx: id }).catch(() => {});
      throw error;
    }
    if (begun) await this.#send({ kind: "end", commit: true, tx: id });
    return result;
  }

  async close(): Promise<void> {
    if (this.#down) return;
    await this.#send({ kind: "close" });
    await this.#worker.terminate();
  }
}
