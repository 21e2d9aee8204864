import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { patients } from "@/db/schema";
import { PRIMARY_INSTRUMENT_RULES } from "@/lib/clinical/primary-instrument";
import { latestSafetyAssessments } from "@/lib/patients/safety-flags";

/** Dosing sessions after which a course without response is flagged "not responding". */
export const NOT_RESPONDING_AFTER_SESSIONS = 4;

/** SQL CASE giving a patient's primary instrument, generated from the one rule list. */
export function primaryInstrumentSql(diagnosisCode: SQL = sql`${patients.diagnosisCode}`): SQL {
  const code = sql`replace(upper(trim(${diagnosisCode})), '.', '')`;
  const branches = PRIMARY_INSTRUMENT_RULES.rules.map(
    (rule) => sql`when ${code} like ${`${rule.codePrefix}%`} then ${rule.instrument}::text`,
  );
  return sql`(case ${sql.join(branches, sql` `)} else ${PRIMARY_INSTRUMENT_RULES.otherwise}::text end)`;
}

/**
 * Patients whose latest assessment of a safety instrument raises the flag (CLINICAL.md:
 * a flag stays up until a later assessment with the same instrument no longer raises it).
 */
export function hasSafetyFlag(flag: string | SQL): SQL {
  return sql`exists (
    select 1 from ${latestSafetyAssessments(patients.id)}
    where latest.flags @> jsonb_build_array(${flag}::text)
  )`;
}

/** The flag lists of the patient's latest safety assessments that raise any, as one JSON array. */
export function latestSafetyFlags(): SQL<string[][] | null> {
  return sql`(select json_agg(latest.flags) from ${latestSafetyAssessments(patients.id)}
    where latest.flags <> '[]'::jsonb)`;
}

/**
 * No response (a reduction of at least 50 % of the primary instrument from baseline) after
 * NOT_RESPONDING_AFTER_SESSIONS or more doses. Baseline per CLINICAL.md: the latest score on or
 * before the first dose, else the earliest.
 */
export function notResponding(): SQL {
  const primary = primaryInstrumentSql();
  return sql`exists (
    select 1
    from (
      select min(d.started_at) as first_dose, count(*) as doses
      from dose_administrations d
      where d.patient_id = ${patients.id}
    ) fd
    cross join lateral (
      select coalesce(
        (select a.total from assessments a
          where a.patient_id = ${patients.id} and a.instrument = ${primary} and a.total is not null
            and a.administered_at <= fd.first_dose
          order by a.administered_at desc limit 1),
        (select a.total from assessments a
          where a.patient_id = ${patients.id} and a.instrument = ${primary} and a.total is not null
          order by a.administered_at asc limit 1)
      ) as baseline,
      (select a.total from assessments a
        where a.patient_id = ${patients.id} and a.instrument = ${primary} and a.total is not null
        order by a.administered_at desc limit 1) as latest
    ) scores
    where fd.doses >= ${NOT_RESPONDING_AFTER_SESSIONS}
      and not (scores.baseline > 0 and 2 * (scores.baseline - scores.latest) >= scores.baseline)
  )`;
}
