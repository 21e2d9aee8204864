import { getAuthSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db";

export async function startServer(): Promise<void> {
  try {
    const cfg = config();
    getAuthSecret();
    const started = performance.now();
    const handle = await getDatabase();
    const ms = Math.round(performance.now() - started);
    console.log(
      `Kapstone: ${handle.engine} database ready in ${ms} ms (clinic time zone ${cfg.clinicTimeZone})`,
    );
  } catch (error) {
    // A misconfiguration must stop start-up with the reason, not leave a server answering 500.
    console.error(
      `\nKapstone cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
