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
