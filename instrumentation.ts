/**
 * Runs once when the server starts: opens the database, applies migrations and, on the
 * embedded database, loads the demo clinic when it is empty — before the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}

/**
 * Every error while rendering a page or running a handler, as one structured line with the
 * request id (set by proxy.ts) and the digest the error page shows the user as its reference.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
): Promise<void> {
  const { log } = await import("./lib/log");
  const requestId = request.headers["x-request-id"];
  const digest =
    typeof error === "object" && error !== null && "digest" in error
      ? String((error as { digest: unknown }).digest)
      : undefined;
  log(
    "error",
    "request.failed",
    {
      requestId: typeof requestId === "string" ? requestId : undefined,
      digest,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    error,
  );
}
