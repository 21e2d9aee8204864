import type { Sql } from "postgres";

/**
 * The postgres.js client as Drizzle should use it: every statement a named prepared statement.
 *
 * Drizzle sends its queries with `prepare: false` unless each is prepared by name, and for a
 * statement with parameters postgres.js then makes two round trips (parse and describe, then
 * bind and execute) and PostgreSQL parses and plans it every time. Prepared, a statement the
 * connection has seen costs one round trip and no parse. postgres.js keeps one statement per
 * distinct SQL text on each connection; Kapstone's SQL texts are a fixed set (IN lists vary
 * only by length), so the cache stays small.
 *
 * The same wrapper covers the client a transaction or savepoint hands to its callback.
 */
export function preparingClient<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        const unsafe: Sql["unsafe"] = (query, parameters, options) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
        return unsafe;
      }
      if (key === "begin" || key === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (inner: Sql) => unknown;
          const method = Reflect.get(target, key, target) as (...a: unknown[]) => unknown;
          return method.call(target, ...args, (inner: Sql) => callback(preparingClient(inner)));
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
