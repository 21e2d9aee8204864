import "server-only";
import { and, asc, count, eq, ilike, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  auditEvents,
  patients,
  patientSummaries,
  sessions,
  users,
  type PatientStatus,
  type Protocol,
} from "@/db/schema";
import { fromJson, insertWhen, keptStatements, pageOf, placeholder } from "@/db/statements";
import { auditValues, boundReader, noteAuditWritten, readerValues } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import type { InstrumentCode } from "@/lib/clinical/instruments";
import { SAFETY_FLAGS } from "@/lib/clinical/instruments";
import { primaryInstrument } from "@/lib/clinical/primary-instrument";
import { hasSafetyFlag, notResponding } from "@/lib/patients/caseload-filters";
import {
  caseloadQuerySchema,
  type CaseloadQuery,
  type ParsedCaseloadQuery,
} from "@/lib/patients/caseload-query";
import { progressVerdict } from "@/lib/patients/progress-model";
import { parseInput } from "@/lib/validation";

/** How many recent scores the caseload's trend line shows. */
const TREND_POINTS = 8;

export type CaseloadProgress = {
  instrument: InstrumentCode;
  latestTotal: number | null;
  band: string | null;
  changePercent: number | null;
  response: boolean;
  remission: boolean | null;
  trend: number[];
};

export type CaseloadRow = {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  diagnosisCode: string;
  diagnosisLabel: string;
  status: PatientStatus;
  psychiatristName: string | null;
  nextSessionAt: Date | null;
  /** dosesGiven is null for roles without clinical access: doses are clinical data. */
  course: { protocol: Protocol; dosesGiven: number | null; plannedSessions: number } | null;
  /** Clinical columns: null for roles without clinical access (minimum necessary). */
  progress: CaseloadProgress | null;
  safetyFlags: string[];
};

export type Caseload = {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pageSize: number;
  scope: "mine" | "all";
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const nextSession = sql<Date | null>`(
  select min(${sessions.scheduledStart}) from ${sessions}
  where ${sessions.patientId} = ${patients.id}
    and ${sessions.scheduledStart} >= now()
    and ${sessions.status} in ('scheduled', 'checked_in')
)`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v)));

/**
 * The patient list. Psychiatrists see their own caseload unless they ask for all; other roles
 * see the whole clinic. Paging, search and filters run in the database; the clinical columns
 * are computed for the page's rows only, with a fixed number of queries.
 */
export async function listCaseload(
  db: Db,
  actor: ActorContext,
  rawQuery: CaseloadQuery,
): Promise<Caseload> {
  await authorize(db, actor, "patients:read", { action: "patient.list", entityType: "patient" });
  const query = parseInput(caseloadQuerySchema, rawQuery);
  const clinical = can(actor.role, "clinical:read");
  if (!clinical && (query.flag || query.progress)) {
    // Filtering by scores is reading scores: refused like any other clinical read.
    await authorize(db, actor, "clinical:read", { action: "patient.list", entityType: "patient" });
  }
  const scope = query.scope ?? (actor.role === "psychiatrist" ? "mine" : "all");
  const statement = caseloadStatement(db, {
    scope,
    status: query.status !== undefined,
    search: Boolean(query.query),
    flag: query.flag !== undefined,
    notResponding: query.progress === "not-responding",
    sort: query.sort,
    pageSize: query.pageSize,
    offset: query.page > 1,
    clinical,
  });
  const values: StatementValues = {
    psychiatristId: actor.id,
    status: query.status ?? null,
    term: query.query ? `%${escapeLike(query.query)}%` : null,
    flag: query.flag ?? null,
    offset: (query.page - 1) * query.pageSize,
    page: query.page,
    ...readerValues(actor),
  };
  const rows = await statement.page.execute(values);
  noteAuditWritten(db);
  // A page past the end (or an empty caseload) has no row to carry the total.
  const total =
    rows[0]?.total ??
    (query.page > 1
      ? ((
          await db
            .select({ value: count() })
            .from(patients)
            .where(statement.where)
            .prepare("caseload_total")
            .execute(values)
        )[0]?.value ?? 0)
      : 0);
  const enrichment = enrich(rows);

  return {
    rows: rows.map((row) => {
      const extra = enrichment.get(row.id);
      return {
        id: row.id,
        mrn: row.mrn,
        dateOfBirth: row.dateOfBirth,
        diagnosisCode: row.diagnosisCode,
        diagnosisLabel: row.diagnosisLabel,
        status: row.status,
        psychiatristName: row.psychiatristName,
        nextSessionAt: row.nextSessionAt,
        name: `${row.familyName}, ${row.givenName}`,
        course: extra?.course
          ? { ...extra.course, dosesGiven: clinical ? extra.course.dosesGiven : null }
          : null,
        progress: clinical ? primaryProgress(row.diagnosisCode, extra) : null,
        safetyFlags: clinical ? (extra?.flags ?? []) : [],
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    scope,
  };
}

/** What decides the text of the caseload's statement; everything else is a bound value. */
type StatementShape = {
  scope: "mine" | "all";
  status: boolean;
  search: boolean;
  flag: boolean;
  notResponding: boolean;
  sort: ParsedCaseloadQuery["sort"];
  pageSize: number;
  offset: boolean;
  clinical: boolean;
};

type StatementValues = {
  psychiatristId: string;
  status: PatientStatus | null;
  term: string | null;
  flag: string | null;
  offset: number;
  page: number;
} & ReturnType<typeof readerValues>;

/**
 * The caseload's statement for one shape of query: about thirty fragments through the ORM,
 * written once per shape and then only bound to each request's values.
 */
const caseloadStatement = keptStatements(buildStatement);

const bound = (name: keyof StatementValues): SQL => placeholder(name);

function buildStatement(db: Db, shape: StatementShape) {
  const conditions: SQL[] = [];
  if (shape.scope === "mine") conditions.push(eq(patients.psychiatristId, bound("psychiatristId")));
  if (shape.status) conditions.push(eq(patients.status, bound("status")));
  if (shape.search) {
    const term = bound("term");
    const match = or(
      ilike(patients.mrn, term),
      ilike(sql`${patients.givenName} || ' ' || ${patients.familyName}`, term),
      ilike(sql`${patients.familyName} || ', ' || ${patients.givenName}`, term),
    );
    if (match) conditions.push(match);
  }
  if (shape.flag) conditions.push(hasSafetyFlag(bound("flag")));
  if (shape.notResponding) conditions.push(notResponding());
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const order: SQL[] =
    shape.sort === "mrn"
      ? [asc(patients.mrn)]
      : shape.sort === "next-session"
        ? [sql`${nextSession} asc nulls last`, asc(patients.familyName)]
        : shape.sort === "status"
          ? [asc(patients.status), asc(patients.familyName)]
          : [asc(patients.familyName), asc(patients.givenName)];

  // One statement: the page's patients (through the ordering index, limit and offset), the
  // total as a subquery run once, each row's course, doses and scores as JSON, and the audit row
  // of the read, which names how many patients it returned.
  const page = db.$with("page", { id: patients.id }).as(
    pageOf(
      db
        .select({ id: patients.id })
        .from(patients)
        .where(where)
        .orderBy(...order, asc(patients.id)),
      shape.pageSize,
      shape.offset ? bound("offset") : null,
    ),
  );
  const audited = db.$with("audited", {}).as(
    insertWhen(
      auditEvents,
      [
        {
          ...auditValues({
            actor: null,
            action: "patient.list",
            entityType: "patient",
            outcome: "success",
          }),
          ...boundReader(),
          detail: sql`jsonb_build_object('scope', ${shape.scope}::text,
            'page', ${bound("page")}::int, 'results', (select count(*) from page),
            'clinical', ${shape.clinical}::boolean)`,
        },
      ],
      sql`(select 1) as once`,
    ),
  );
  const counted = sql<number>`(select count(*) from ${patients} where ${where ?? sql`true`})`;
  return {
    where,
    page: db
      .with(page, audited)
      .select({
        id: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        dateOfBirth: patients.dateOfBirth,
        diagnosisCode: patients.diagnosisCode,
        diagnosisLabel: patients.diagnosisLabel,
        status: patients.status,
        psychiatristName: users.name,
        nextSessionAt: nextSession,
        total: counted.mapWith(Number),
        ...enrichmentColumns(shape.clinical),
      })
      .from(page)
      .innerJoin(patients, eq(patients.id, page.id))
      .leftJoin(users, eq(users.id, patients.psychiatristId))
      .leftJoin(patientSummaries, eq(patientSummaries.patientId, patients.id))
      .orderBy(...order, asc(patients.id))
      .prepare("caseload"),
  };
}

type Enrichment = {
  course: CaseloadRow["course"];
  firstDose: Date | null;
  /** The primary instrument's totals and bands, oldest first. */
  scores: { administeredAt: Date; total: number | null; band: string | null }[];
  flags: string[];
};

type ScoreTuple = [administeredAt: string, total: number | null, band: string | null];
type CourseTuple = [id: string, protocol: string, plannedSessions: number];
type DoseTuple = [courseId: string | null, doses: number, firstDose: string];

/**
 * What the list shows beside each patient, from the patient's summary (db/patient-summaries.ts,
 * kept current by the database on every write): the latest course, doses given per course with
 * the first dose, and (for clinical roles) the scores of the patient's primary instrument oldest
 * first — totals and bands — and the flags of the latest assessment with each safety
 * instrument; other instruments and item answers are for the patient page. One row per patient,
 * however long the courses.
 */
function enrichmentColumns(clinical: boolean) {
  const json = <T>(column: SQLWrapper) => sql`${column}`.mapWith(fromJson<T>);
  return {
    course: json<CourseTuple>(patientSummaries.course),
    doses: json<DoseTuple[]>(patientSummaries.doses),
    scores: json<ScoreTuple[]>(clinical ? patientSummaries.scores : sql`null`),
    flags: json<string[][]>(clinical ? patientSummaries.flags : sql`null`),
  };
}

type EnrichmentRow = {
  id: string;
  course: CourseTuple | null;
  doses: DoseTuple[] | null;
  scores: ScoreTuple[] | null;
  flags: string[][] | null;
};

function enrich(found: readonly EnrichmentRow[]): Map<string, Enrichment> {
  const map = new Map<string, Enrichment>();
  for (const row of found) {
    const course = row.course
      ? { id: row.course[0], protocol: row.course[1] as Protocol, plannedSessions: row.course[2] }
      : null;
    const own = (row.doses ?? []).map(([courseId, given, first]) => ({
      courseId,
      doses: Number(given),
      firstDose: new Date(first),
    }));
    const firstDose = own.reduce<Date | null>(
      (min, d) => (min === null || d.firstDose < min ? d.firstDose : min),
      null,
    );
    const scores = (row.scores ?? []).map(([administeredAt, total, band]) => ({
      administeredAt: new Date(administeredAt),
      total,
      band,
    }));
    // Safety flags: those raised by the latest assessment of each safety instrument.
    const flags = [...new Set((row.flags ?? []).flat())].filter((f) =>
      (SAFETY_FLAGS as readonly string[]).includes(f),
    );
    map.set(row.id, {
      course: course
        ? {
            protocol: course.protocol,
            plannedSessions: course.plannedSessions,
            dosesGiven: own.find((d) => d.courseId === course.id)?.doses ?? 0,
          }
        : null,
      firstDose,
      scores,
      flags,
    });
  }
  return map;
}

function primaryProgress(
  diagnosisCode: string,
  extra: Enrichment | undefined,
): CaseloadProgress | null {
  const instrument = primaryInstrument(diagnosisCode);
  const rows = extra?.scores ?? [];
  if (rows.length === 0) return null;
  // The verdict alone: the list shows no points, only the latest totals as a trend line.
  const p = progressVerdict(instrument, rows, extra?.firstDose ?? null);
  return {
    instrument,
    latestTotal: p.latest?.total ?? null,
    band: p.latest?.band ?? null,
    changePercent: p.changePercent,
    response: p.response,
    remission: p.remission,
    trend: p.scored.map((s) => s.total).slice(-TREND_POINTS),
  };
}
