import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

let cached: string | undefined;

/**
 * The key that signs session tokens. On PostgreSQL it must be configured (several app servers
 * must share it); on the embedded database it is generated once and kept in the data directory.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const cfg = config();
  if (cfg.authSecret) {
    cached = cfg.authSecret;
    return cached;
  }
  if (cfg.engine === "postgres") {
    throw new Error(
      "AUTH_SECRET is not set. With DATABASE_URL, set AUTH_SECRET (or NEXTAUTH_SECRET) to the same long random value on every app server, e.g. `openssl rand -base64 32`.",
    );
  }
  const file = path.join(cfg.dataDir, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(cfg.dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // `wx` fails if another process created it first; then read theirs.
    try {
      writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      cached = secret;
    } catch {
      cached = readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
