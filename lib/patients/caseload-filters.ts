import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { patients, patientSummaries } from "@/db/schema";

/**
 * Patients whose latest assessment of a safety instrument raises the flag (CLINICAL.md:
 * a flag stays up until a later assessment with the same instrument no longer raises it),
 * from the patient's summary (db/patient-summaries.ts).
 */
export function hasSafetyFlag(flag: string | SQL): SQL {
  return sql`exists (
    select 1 from ${patientSummaries}
    where ${patientSummaries.patientId} = ${patients.id} and ${patientSummaries.flags} is not null
      and ${patientSummaries.flags} @> jsonb_build_array(jsonb_build_array(${flag}::text))
  )`;
}

/**
 * No response (a reduction of at least 50 % of the primary instrument from baseline) after
 * NOT_RESPONDING_AFTER_SESSIONS or more doses, as the patient's summary holds it.
 */
export function notResponding(): SQL {
  return sql`exists (
    select 1 from ${patientSummaries}
    where ${patientSummaries.patientId} = ${patients.id} and ${patientSummaries.notResponding}
  )`;
}
