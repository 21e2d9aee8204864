import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { latestSafetyAssessments, SAFETY_INSTRUMENTS } from "@/db/patient-summaries";
import { assessments } from "@/db/schema";
import { SAFETY_FLAGS } from "@/lib/clinical/instruments";
import { formatMonthDay } from "@/lib/format";

/** Which answer carries the suicidal-ideation item, as "item n": zero-based index. */
const IDEATION_ITEM: Readonly<Record<string, number>> = {
  "PHQ-9": 8,
  "QIDS-SR16": 11,
  MADRS: 9,
};

export type SafetyFlag = { code: string; detail: string };

/** One safety source as the subquery below hands it over: the time as JSON text. */
export type FlagSourceJson = Omit<FlagSource, "administeredAt"> & { administeredAt: string };

/**
 * The latest assessment of each safety instrument of a patient as a JSON array, for a read that
 * takes the flags within a larger statement.
 */
export function latestSafetySources(patientId: AnyPgColumn): SQL {
  return sql`(
    select json_agg(json_build_object('instrument', latest.instrument, 'administeredAt',
      latest.administered_at, 'answers', latest.answers, 'band', latest.band,
      'flags', latest.flags) order by latest.instrument)
    from ${latestSafetyAssessments(patientId)})`;
}

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
  const flags: SafetyFlag[] = [];
  for (const row of latest) {
    for (const code of row.flags.filter((f) => (SAFETY_FLAGS as readonly string[]).includes(f))) {
      const index = IDEATION_ITEM[row.instrument];
      const answer = index === undefined ? undefined : row.answers[index];
      const what =
        code === "suicide-risk"
          ? `C-SSRS risk ${row.band ?? "raised"}`
          : `${row.instrument} item ${(index ?? 0) + 1} answered ${answer ?? "?"}`;
      flags.push({ code, detail: `${what} on ${formatMonthDay(row.administeredAt, timeZone)}` });
    }
  }
  return flags;
}
