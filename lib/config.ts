/**
 * Runtime configuration, parsed once from the environment. Everything else reads it from here
 * so that a missing or malformed setting fails at start with a message saying what to set.
 */
import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  AUTH_SECRET: z.string().min(1).optional(),
  NEXTAUTH_SECRET: z.string().min(1).optional(),
  CLINIC_TZ: z
    .string()
    .default("America/New_York")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "CLINIC_TZ must be an IANA time zone such as America/New_York"),
  KAPSTONE_DATA_DIR: z.string().default(".data"),
  KAPSTONE_TRUSTED_PROXIES: z.coerce
    .number()
    .int()
    .min(0, "KAPSTONE_TRUSTED_PROXIES is a number of proxies, 0 or more")
    .max(10)
    .default(0),
  KAPSTONE_SQL_STATS: z.enum(["0", "1"]).default("0"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type AppConfig = {
  databaseUrl: string | undefined;
  engine: "pglite" | "postgres";
  authSecret: string | undefined;
  clinicTimeZone: string;
  dataDir: string;
  /**
   * Proxies in front of the one that talks to the app, each appending to X-Forwarded-For. One
   * nginx alone (`proxy_add_x_forwarded_for`) is 0: Next.js does not append nginx's address,
   * so the right-most entry is nginx's view of the client, and 1 would let a client choose its
   * address by sending the header itself. A load balancer in front of that nginx makes it 1.
   */
  trustedProxies: number;
  /** Count SQL statements and report the total on /api/health (for `npm run bench`). */
  sqlStats: boolean;
  production: boolean;
};

let cached: AppConfig | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Kapstone configuration is invalid:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    engine: e.DATABASE_URL ? "postgres" : "pglite",
    authSecret: e.AUTH_SECRET ?? e.NEXTAUTH_SECRET,
    clinicTimeZone: e.CLINIC_TZ,
    dataDir: path.resolve(e.KAPSTONE_DATA_DIR),
    trustedProxies: e.KAPSTONE_TRUSTED_PROXIES,
    sqlStats: e.KAPSTONE_SQL_STATS === "1",
    production: e.NODE_ENV === "production",
  };
}

export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
