/**
 * `npm run seed:large` — fills a database with a large clinic network for performance work.
 *
 * Usage: tsx db/seed/large/cli.ts [--patients N] [--batch N] [--data-dir DIR] [--force]
 *                                 [--allow-production]
 *
 * With DATABASE_URL it loads that PostgreSQL database (the main target); without it, the
 * embedded PGlite database under the data directory (or --data-dir), which suits a few thousand
 * patients at most. Like `npm run db:seed` it refuses a database that already holds data unless
 * --force is given (which wipes it first), and a production database without --allow-production.
 */
import path from "node:path";
import { migrateDatabase } from "../../client";
import {
  openSeedTarget,
  printDemoAccounts,
  Refusal,
  runSeedCommand,
  seedConfig,
} from "../cli-support";
import { TABLES, seedLargeClinic, type Counts, type TableName } from "./generate";

type Flags = {
  patients: number;
  batch: number;
  dataDir: string | null;
  force: boolean;
  allowProduction: boolean;
};

const USAGE =
  "Usage: npm run seed:large -- [--patients N] [--batch N] [--data-dir DIR] [--force] [--allow-production]";

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Refusal(`${name} needs a positive whole number.`);
  return n;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = {
    patients: 20_000,
    batch: 250,
    dataDir: null,
    force: false,
    allowProduction: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--force") flags.force = true;
    else if (arg === "--allow-production") flags.allowProduction = true;
    else if (arg === "--patients") flags.patients = positive(arg, argv[(i += 1)]);
    else if (arg === "--batch") flags.batch = positive(arg, argv[(i += 1)]);
    else if (arg === "--data-dir") {
      const dir = argv[(i += 1)];
      if (!dir) throw new Refusal(`--data-dir needs a directory.\n${USAGE}`);
      flags.dataDir = path.resolve(dir);
    } else throw new Refusal(`Unknown option ${arg}.\n${USAGE}`);
  }
  return flags;
}

const LABELS: Record<TableName, string> = {
  users: "staff accounts",
  locations: "locations",
  rooms: "rooms and chairs",
  patients: "patients",
  treatmentCourses: "treatment courses",
  doseOrders: "dose orders",
  sessions: "sessions",
  doseAdministrations: "doses given",
  vitals: "vitals",
  alerts: "alerts",
  assessments: "assessments",
  adverseEvents: "adverse events",
  notes: "notes",
};

const total = (counts: Counts): number => Object.values(counts).reduce((a, n) => a + n, 0);
const thousands = (n: number): string => n.toLocaleString("en-US");

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const cfg = seedConfig();
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const { handle, where } = await openSeedTarget(cfg, {
    what: "the large demo network",
    forceCommand: "npm run seed:large -- --force",
    force: flags.force,
    allowProduction: flags.allowProduction,
    pgliteDir: flags.dataDir ?? path.join(cfg.dataDir, "pglite"),
    // Two connections: one batch is written while the next is generated.
    postgresConnections: 2,
  });
  try {
    await migrateDatabase(handle);
    console.log(
      `Loading ${thousands(flags.patients)} patients into ${where} in batches of ${flags.batch}…`,
    );
    let lastPrint = 0;
    const summary = await seedLargeClinic(handle.db, {
      patients: flags.patients,
      batch: flags.batch,
      now: new Date(),
      timeZone: cfg.clinicTimeZone,
      onProgress: ({ patientsDone, counts }) => {
        const t = elapsed();
        if (t - lastPrint < 2 && patientsDone < flags.patients) return;
        lastPrint = t;
        const rows = total(counts);
        console.log(
          `  ${thousands(patientsDone).padStart(7)} / ${thousands(flags.patients)} patients  ` +
            `sessions ${thousands(counts.sessions)}  vitals ${thousands(counts.vitals)}  ` +
            `assessments ${thousands(counts.assessments)}  rows ${thousands(rows)}  ` +
            `${t.toFixed(1)} s  ${thousands(Math.round(rows / t))} rows/s`,
        );
      },
    });
    const seconds = elapsed();
    console.log(
      `\nLoaded the large clinic network into ${where} in ${seconds.toFixed(1)} s (clinic date ${summary.clinicDate}, ${summary.timeZone}).`,
    );
    for (const name of Object.keys(TABLES) as TableName[]) {
      console.log(`  ${LABELS[name].padEnd(18)} ${thousands(summary.counts[name]).padStart(11)}`);
    }
    console.log(
      `  ${"sessions today".padEnd(18)} ${thousands(summary.sessionsToday).padStart(11)}`,
    );
    const rows = total(summary.counts);
    console.log(
      `  ${"total rows".padEnd(18)} ${thousands(rows).padStart(11)}  (${thousands(Math.round(rows / seconds))} rows/s)`,
    );
    printDemoAccounts();
  } finally {
    await handle.close();
  }
}

runSeedCommand(main);
