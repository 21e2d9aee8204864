import type { TestProject } from "vitest/node";
import { startPostgres, type PostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

let server: PostgresServer | undefined;

/** Starts one throwaway PostgreSQL for the run; each test file makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => void> {
  try {
    server = await startPostgres();
    project.provide("postgresUrl", server.url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI) throw new Error(`PostgreSQL tests cannot run in CI: ${reason}`);
    console.warn(
      `\n⚠ PostgreSQL leg NOT run: ${reason}\n  Only the embedded (PGlite) engine is tested.\n`,
    );
    project.provide("postgresUrl", null);
  }
  return () => server?.stop();
}
