// How the production server's Node is run: shared by `npm start` and by the scripts that start
// the server to measure or test it, so that they measure what a clinic runs.

/**
 * A larger young generation. Each request allocates request objects, query results and the
 * rendered answer that die with it; with V8's default the server's thread spent about a tenth
 * of its time collecting garbage under load (CPU profile, vitals writes at 50 connections).
 * With 32 MB semi-spaces, vitals writes went up by 10–20 % side by side in four of five pairs
 * (PostgreSQL and PGlite), for at most about 100 MB more memory.
 */
export const SERVER_NODE_OPTIONS = "--max-semi-space-size=32";

/** `env` with the server's Node options added to any NODE_OPTIONS it already has. */
export function withServerNodeOptions(env) {
  return {
    ...env,
    NODE_OPTIONS: [env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(" "),
  };
}
