/**
 * The patient list's summary of each patient (the `patient_summaries` table): the latest course,
 * doses per course, the primary instrument's scores, the latest safety flags and whether the
 * course is not responding. Computing these on every read cost the list six subqueries per
 * patient, and its whole-clinic "not responding" filter seconds at 20,000 patients. They are
 * defined here once, as SQL, and the database keeps each patient's row current: the triggers of
 * migration 0008 call `refresh_patient_summaries` for the patients every write touched, in that
 * write's transaction, so that no code path can forget to.
 *
 * The function's text is generated from these definitions (and the primary-instrument rules) when
 * the server migrates. It carries a fingerprint of its text; when the text changes, every
 * summary is worked out again.
 */
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { assessments, patients } from "@/db/schema";
import { queryRows } from "@/db/statements";
import { PRIMARY_INSTRUMENT_RULES } from "@/lib/clinical/primary-instrument";

/** Dosing sessions after which a course without response is flagged "not responding". */
export const NOT_RESPONDING_AFTER_SESSIONS = 4;

/** Instruments whose answers raise a safety flag (CLINICAL.md "Safety flags"). */
export const SAFETY_INSTRUMENTS = ["PHQ-9", "QIDS-SR16", "MADRS", "C-SSRS"] as const;

/** SQL CASE giving a patient's primary instrument, generated from the one rule list. */
export function primaryInstrumentSql(diagnosisCode: SQL = sql`${patients.diagnosisCode}`): SQL {
  const code = sql`replace(upper(trim(${diagnosisCode})), '.', '')`;
  const branches = PRIMARY_INSTRUMENT_RULES.rules.map(
    (rule) => sql`when ${code} like ${`${rule.codePrefix}%`} then ${rule.instrument}::text`,
  );
  return sql`(case ${sql.join(branches, sql` `)} else ${PRIMARY_INSTRUMENT_RULES.otherwise}::text end)`;
}

/** SAFETY_INSTRUMENTS as the items of an SQL array. */
const instrumentList = (): SQL =>
  sql.join(
    SAFETY_INSTRUMENTS.map((i) => sql`${i}`),
    sql`, `,
  );

/**
 * Rows `latest` (instrument, administered_at, answers, band, flags) for a FROM clause: the
 * patient's latest assessment with each safety instrument, one index probe per instrument
 * (assessments_patient_instrument_idx).
 */
export function latestSafetyAssessments(patientId: AnyPgColumn): SQL {
  return sql`unnest(array[${instrumentList()}]::text[]) as safety(instrument)
    cross join lateral (
      select a.instrument, a.administered_at, a.answers, a.band, a.flags
      from ${assessments} as a
      where a.patient_id = ${patientId} and a.instrument = safety.instrument
      order by a.administered_at desc, a.created_at desc
      limit 1
    ) as latest`;
}

/**
 * Each summary column as an expression over the row `patients` (written out with aliases: the
 * patient must be told apart from each table's own id).
 */
function summaryColumns(): Record<string, SQL> {
  const primary = primaryInstrumentSql();
  return {
    course: sql`(
      select jsonb_build_array(c.id, c.protocol, c.planned_sessions)
      from treatment_courses c where c.patient_id = patients.id
      order by c.start_date desc, c.created_at desc limit 1)`,
    // Doses per course with the first dose: one range of dose_admin_patient_course_idx.
    doses: sql`(
      select jsonb_agg(jsonb_build_array(per_course.course_id, per_course.doses,
        per_course.first_dose))
      from (
        select d.course_id, count(*) as doses, min(d.started_at) as first_dose
        from dose_administrations d
        where d.patient_id = patients.id
        group by d.course_id
      ) per_course)`,
    // Only the instrument the list's columns are about, oldest first (from the index alone).
    scores: sql`(
      select jsonb_agg(jsonb_build_array(a.administered_at, a.total, a.band)
        order by a.administered_at, a.created_at)
      from assessments a
      where a.patient_id = patients.id and a.instrument = ${primary})`,
    // A flag stays up until a later assessment with the same instrument no longer raises it.
    // In the order of SAFETY_INSTRUMENTS, as the list has always shown them.
    flags: sql`(select jsonb_agg(latest.flags
        order by array_position(array[${instrumentList()}]::text[], latest.instrument))
      from ${latestSafetyAssessments(patients.id)}
      where latest.flags <> '[]'::jsonb)`,
    // No response (a reduction of at least 50 % of the primary instrument from baseline) after
    // NOT_RESPONDING_AFTER_SESSIONS or more doses. Baseline per CLINICAL.md: the latest score on
    // or before the first dose, else the earliest.
    not_responding: sql`exists (
      select 1
      from (
        select min(d.started_at) as first_dose, count(*) as doses
        from dose_administrations d
        where d.patient_id = patients.id
      ) fd
      cross join lateral (
        select coalesce(
          (select a.total from assessments a
            where a.patient_id = patients.id and a.instrument = ${primary} and a.total is not null
              and a.administered_at <= fd.first_dose
            order by a.administered_at desc limit 1),
          (select a.total from assessments a
            where a.patient_id = patients.id and a.instrument = ${primary} and a.total is not null
            order by a.administered_at asc limit 1)
        ) as baseline,
        (select a.total from assessments a
          where a.patient_id = patients.id and a.instrument = ${primary} and a.total is not null
          order by a.administered_at desc limit 1) as latest
      ) scores
      where fd.doses >= ${NOT_RESPONDING_AFTER_SESSIONS}
        and not (scores.baseline > 0 and 2 * (scores.baseline - scores.latest) >= scores.baseline)
    )`,
  };
}

/**
 * The refresh, in three steps, each with a snapshot of its own (READ COMMITTED): make a row for
 * a patient who has none, lock the rows in one order (two writers for one patient take turns,
 * and the second then sees the first's committed rows), and work every column out again.
 */
function refreshFunctionText(): string {
  const columns = Object.entries(summaryColumns()).map(
    ([name, expression]) => sql`${sql.identifier(name)} = ${expression}`,
  );
  const update = sql`update patient_summaries set ${sql.join(columns, sql`, `)}
    from patients
    where patients.id = patient_summaries.patient_id and patients.id = any(ids)`;
  const body = new PgDialect().sqlToQuery(update.inlineParams()).sql;
  return `create or replace function refresh_patient_summaries(ids uuid[]) returns void
language plpgsql as $refresh$
begin
  insert into patient_summaries (patient_id)
    select id from patients where id = any(ids) order by id
    on conflict (patient_id) do nothing;
  perform 1 from patient_summaries where patient_id = any(ids) order by patient_id for update;
  ${body};
end $refresh$`;
}

/**
 * Patients whose stored summary differs from one worked out now (or who have none): empty while
 * the triggers do their work. For tests and for checking a database by hand.
 */
export async function staleSummaries(db: Db): Promise<string[]> {
  const columns = Object.entries(summaryColumns());
  const stored = sql.join(
    columns.map(([name]) => sql`s.${sql.identifier(name)}`),
    sql`, `,
  );
  const fresh = sql.join(
    columns.map(([, expression]) => expression),
    sql`, `,
  );
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select patients.id from patients
      left join patient_summaries s on s.patient_id = patients.id
      where s.patient_id is null or (${stored}) is distinct from (${fresh})
      order by patients.id`,
  );
  return rows.map((row) => row.id);
}

/** Works these patients' summaries out again (a bulk load that deferred the triggers). */
export async function refreshSummaries(db: Db | Tx, patientIds: readonly string[]): Promise<void> {
  if (patientIds.length === 0) return;
  await db.execute(sql`select refresh_patient_summaries(array(
    select jsonb_array_elements_text(${JSON.stringify(patientIds)}::jsonb)::uuid))`);
}

/** Patients per transaction when every summary is worked out again. */
const REFRESH_BATCH = 500;

/**
 * Writes `refresh_patient_summaries` when its text has changed (or is still migration 0008's
 * stub) and then works every summary out again; otherwise fills in any patient who has no
 * summary. Runs after the migrations, under the same lock on PostgreSQL.
 *
 * The new text is committed first, on its own, so that every write from then on (from any
 * server) refreshes with it; the summaries are then worked out again a batch at a time, each
 * batch waiting for writers of its patients and locking only them while it works.
 */
export async function installPatientSummaries(db: Db): Promise<void> {
  const text = refreshFunctionText();
  const fingerprint = `kapstone:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
  const [installed] = await queryRows<{ note: string | null }>(
    db,
    sql`select obj_description(to_regprocedure('refresh_patient_summaries(uuid[])'), 'pg_proc') as note`,
  );
  if (installed?.note === fingerprint) {
    const missing = await queryRows<{ id: string }>(
      db,
      sql`select p.id from patients p
        where not exists (select 1 from patient_summaries s where s.patient_id = p.id)`,
    );
    await refreshSummaries(
      db,
      missing.map((row) => row.id),
    );
    return;
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(text));
    await tx.execute(
      sql.raw(`comment on function refresh_patient_summaries(uuid[]) is '${fingerprint}'`),
    );
  });
  let after: string | null = null;
  for (;;) {
    const batch: { id: string }[] = await queryRows<{ id: string }>(
      db,
      sql`select id from patients ${after === null ? sql`` : sql`where id > ${after}`}
        order by id limit ${REFRESH_BATCH}`,
    );
    const last = batch.at(-1);
    if (!last) return;
    await refreshSummaries(
      db,
      batch.map((row) => row.id),
    );
    after = last.id;
  }
}
