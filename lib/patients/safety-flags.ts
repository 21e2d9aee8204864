import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { assessments } from "@/db/schema";
import { SAFETY_FLAGS } from "@/lib/clinical/instruments";

/** Instruments whose answers raise a safety flag (CLINICAL.md "Safety flags"). */
const SAFETY_INSTRUMENTS = ["PHQ-9", "QIDS-SR16", "MADRS", "C-SSRS"] as const;

/** Which answer carries the suicidal-ideation item, as "item n": zero-based index. */
const IDEATION_ITEM: Readonly<Record<string, number>> = {
  "PHQ-9": 8,
  "QIDS-SR16": 11,
  MADRS: 9,
};

export type SafetyFlag = { code: string; detail: string };

/**
 * Safety flags raised by the latest assessment of each safety instrument: a flag stays up
 * until a later assessment with the same instrument no longer raises it.
 */
export async function patientSafetyFlags(
  db: Db | Tx,
  patientId: string,
  timeZone: string,
): Promise<SafetyFlag[]> {
  const latest = await db
    .selectDistinctOn([assessments.instrument], {
      instrument: assessments.instrument,
      administeredAt: assessments.administeredAt,
      answers: assessments.answers,
      band: assessments.band,
      flags: assessments.flags,
    })
    .from(assessments)
    .where(
      and(
        eq(assessments.patientId, patientId),
        inArray(assessments.instrument, [...SAFETY_INSTRUMENTS]),
      ),
    )
    .orderBy(assessments.instrument, desc(assessments.administeredAt));

  return safetyFlagsFrom(latest, timeZone);
}

type FlagSource = {
  instrument: string;
  administeredAt: Date;
  answers: readonly number[];
  band: string | null;
  flags: readonly string[];
};

/**
 * The same flags from assessments already read, newest first: the first row of each safety
 * instrument is its latest. The patient page reads every assessment anyway.
 */
export function safetyFlagsFrom(rows: readonly FlagSource[], timeZone: string): SafetyFlag[] {
  const seen = new Set<string>();
  const latest = rows.filter((row) => {
    if (!(SAFETY_INSTRUMENTS as readonly string[]).includes(row.instrument)) return false;
    if (seen.has(row.instrument)) return false;
    seen.add(row.instrument);
    return true;
  });
  const date = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" });
  const flags: SafetyFlag[] = [];
  for (const row of latest) {
    for (const code of row.flags.filter((f) => (SAFETY_FLAGS as readonly string[]).includes(f))) {
      const index = IDEATION_ITEM[row.instrument];
      const answer = index === undefined ? undefined : row.answers[index];
      const what =
        code === "suicide-risk"
          ? `C-SSRS risk ${row.band ?? "raised"}`
          : `${row.instrument} item ${(index ?? 0) + 1} answered ${answer ?? "?"}`;
      flags.push({ code, detail: `${what} on ${date.format(row.administeredAt)}` });
    }
  }
  return flags;
}
