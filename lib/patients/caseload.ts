import "server-only";
import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patientStatusEnum, patients, sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { CaseloadQuery } from "@/lib/patients/caseload-query";
import { authorize, type ActorContext } from "@/lib/auth/authorize";

export type CaseloadRow = {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  diagnosisCode: string;
  diagnosisLabel: string;
  status: (typeof patientStatusEnum.enumValues)[number];
  psychiatristName: string | null;
  nextSessionAt: Date | null;
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

/**
 * The patient list. Psychiatrists see their own caseload unless they ask for all; other
 * roles see the whole clinic. Names, MRN, diagnosis and appointments only — no scores here.
 */
export async function listCaseload(
  db: Db,
  actor: ActorContext,
  query: CaseloadQuery,
): Promise<Caseload> {
  await authorize(db, actor, "patients:read", { action: "patient.list", entityType: "patient" });
  const scope = query.scope ?? (actor.role === "psychiatrist" ? "mine" : "all");
  const conditions: SQL[] = [];
  if (scope === "mine") conditions.push(eq(patients.psychiatristId, actor.id));
  if (query.status) conditions.push(eq(patients.status, query.status));
  if (query.q) {
    const term = `%${escapeLike(query.q)}%`;
    const byName = or(
      ilike(patients.mrn, term),
      ilike(sql`${patients.givenName} || ' ' || ${patients.familyName}`, term),
      ilike(sql`${patients.familyName} || ', ' || ${patients.givenName}`, term),
    );
    if (byName) conditions.push(byName);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const nextSession = sql<Date | null>`(
    select min(${sessions.scheduledStart}) from ${sessions}
    where ${sessions.patientId} = ${patients.id}
      and ${sessions.scheduledStart} >= now()
      and ${sessions.status} in ('scheduled', 'checked_in')
  )`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v)));

  const [rows, [totals]] = await Promise.all([
    db
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
      })
      .from(patients)
      .leftJoin(users, eq(users.id, patients.psychiatristId))
      .where(where)
      .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(patients).where(where),
  ]);

  await recordAudit(db, {
    actor,
    action: "patient.list",
    entityType: "patient",
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { scope, page: query.page, results: rows.length },
  });

  return {
    rows: rows.map(({ givenName, familyName, ...row }) => ({
      ...row,
      name: `${familyName}, ${givenName}`,
    })),
    total: totals?.value ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    scope,
  };
}
