/**
 * Table rows for patients, courses, dose orders and sessions, from the planned clinic.
 */
import type {
  CheckInRecord,
  ScreeningRecord,
  doseOrders,
  patients,
  sessions,
  treatmentCourses,
} from "../schema";
import { addMinutes, type ClinicCalendar } from "./calendar";
import type { PatientProfile } from "./patients";
import type { CoursePlan, SessionPlan } from "./plan";
import { DRUG, ROUTE } from "./protocols";
import type { Random } from "./random";
import { SCREENING_ITEMS, type ScreeningKey } from "../../lib/clinical/screening";

/** The contraindications and warnings CLINICAL.md "Screening" lists, each checked with an answer. */

// Positives a clinic meets often and doses around; none is an absolute contraindication.
const POSITIVES: Partial<Record<ScreeningKey, readonly string[]>> = {
  cnsDepressants: [
    "Clonazepam 0.5 mg at night; hold the evening before dosing",
    "Lorazepam 1 mg PRN; none within 12 h of dosing",
  ],
  psychostimulants: ["Lisdexamfetamine 30 mg; hold the morning of treatment"],
  cardiovascularDisease: ["Hypertension controlled on lisinopril 10 mg; home readings 120s/80s"],
};

export function screeningRecord(
  rng: Random,
  p: PatientProfile,
  completedAt: Date,
): ScreeningRecord {
  const items: ScreeningRecord["items"] = {};
  for (const key of SCREENING_ITEMS) {
    const notes = POSITIVES[key];
    if (key === "substanceUseDisorderHistory" && p.diagnosis.family === "alcohol") {
      items[key] = {
        checked: true,
        present: true,
        note: "Alcohol use disorder; abstinent 4 months, attends SMART Recovery",
      };
    } else if (key === "pregnancyOrBreastfeeding" && p.sex === "female") {
      const age = completedAt.getUTCFullYear() - Number(p.dateOfBirth.slice(0, 4));
      const note = age < 52 ? "Negative urine hCG at screening" : "Postmenopausal";
      items[key] = { checked: true, present: false, note };
    } else if (notes && rng.chance(0.15)) {
      items[key] = { checked: true, present: true, note: rng.pick(notes) };
    } else {
      items[key] = { checked: true, present: false };
    }
  }
  return { completedAt: completedAt.toISOString(), completedBy: p.psychiatrist.id, items };
}

export function patientRow(
  rng: Random,
  cal: ClinicCalendar,
  p: PatientProfile,
  own: readonly SessionPlan[],
): typeof patients.$inferInsert {
  const firstDay = own[0]?.day ?? 0;
  const createdAt = cal.at(Math.min(firstDay - rng.int(2, 10), -1), 9 * 60 + rng.int(0, 400));
  const intake = own.find((s) => s.kind === "intake" && s.status === "completed");
  const firstDose = own.find((s) => s.kind === "dosing");
  let consentDay: number | null = null;
  if (p.screeningComplete) {
    const afterIntake = (intake?.day ?? firstDay) + rng.int(1, 3);
    consentDay = Math.min(afterIntake, (firstDose?.day ?? 1) - 1, -1);
  }
  return {
    id: p.id,
    mrn: p.mrn,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    weightKg: p.weightKg,
    diagnosisCode: p.diagnosis.code,
    diagnosisLabel: p.diagnosis.label,
    psychiatristId: p.psychiatrist.id,
    status: p.status,
    consentOnFile: consentDay === null ? null : cal.isoDate(consentDay),
    screening: consentDay === null ? null : screeningRecord(rng, p, cal.at(consentDay, 12 * 60)),
    phone: p.phone,
    email: p.email,
    emergencyContactName: p.emergencyContactName,
    emergencyContactPhone: p.emergencyContactPhone,
    createdAt,
    updatedAt: createdAt,
  };
}

const CHANGES_SINCE_LAST: readonly string[] = [
  "Started trazodone 50 mg at night",
  "Sertraline increased to 150 mg",
  "Slept poorly last night",
  "Mild cold last week, now resolved",
];

export type SessionOutcome = {
  completedAt: Date | null;
  dischargedBy: string | null;
  startedAt: Date | null;
};

export function sessionRow(
  rng: Random,
  s: SessionPlan,
  outcome: SessionOutcome,
  clock: Date,
): typeof sessions.$inferInsert {
  const arrived =
    s.status === "completed" || s.status === "in_progress" || s.status === "checked_in";
  const dosingArrival = s.kind === "dosing" && arrived;
  const checkIn: CheckInRecord | null = dosingArrival
    ? {
        identityConfirmed: true,
        fastingConfirmed: true,
        rideHomeConfirmed: true,
        changesSinceLastVisit: rng.chance(0.15) ? rng.pick(CHANGES_SINCE_LAST) : null,
      }
    : null;
  const checkedInAt = !dosingArrival
    ? null
    : s.status === "checked_in"
      ? addMinutes(clock, -8)
      : addMinutes(s.start, -rng.int(0, 10));
  const booked = addMinutes(s.start, -rng.int(3, 21) * 24 * 60);
  const createdAt = booked < clock ? booked : addMinutes(clock, -rng.int(1, 5) * 24 * 60);
  return {
    id: s.id,
    patientId: s.patient.id,
    courseId: s.course?.id ?? null,
    kind: s.kind,
    scheduledStart: s.start,
    scheduledEnd: s.end,
    roomId: s.roomId,
    psychiatristId: s.psychiatristId,
    nurseId: s.nurseId,
    status: s.status,
    numberInCourse: s.numberInCourse,
    checkIn,
    checkedInAt,
    checkedInBy: checkedInAt ? s.nurseId : null,
    startedAt:
      outcome.startedAt ??
      (s.status === "completed" || s.status === "in_progress" ? s.start : null),
    completedAt: outcome.completedAt,
    dischargedBy: outcome.dischargedBy,
    cancelReason: s.cancelReason,
    createdAt,
    updatedAt: outcome.completedAt ?? checkedInAt ?? createdAt,
  };
}

export function courseRows(
  rng: Random,
  cal: ClinicCalendar,
  course: CoursePlan,
  own: readonly SessionPlan[],
): { course: typeof treatmentCourses.$inferInsert; orders: (typeof doseOrders.$inferInsert)[] } {
  const dosing = own.filter((s) => s.course === course && s.kind === "dosing");
  const given = dosing.filter((s) => s.status === "completed" || s.status === "in_progress");
  const dayOf = (index: number): number | undefined =>
    dosing.find((s) => s.dosingIndex === index)?.day;
  const startDay = dosing[0]?.day ?? 0;
  const ended = course.status === "completed" || course.status === "discontinued";
  const endDay = ended ? (given[given.length - 1]?.day ?? startDay) : null;
  const orders = course.orders.map((o) => {
    const from =
      (dayOf(o.fromIndex) ?? o.fromDay + (o.fromIndex === 0 ? 2 : 1)) - (o.fromIndex === 0 ? 2 : 1);
    return { o, from };
  });
  const signedAt = (fromDay: number): Date =>
    cal.at(cal.clinicDayFrom(Math.min(fromDay, -1), -1), 16 * 60 + rng.int(0, 59));
  const orderRows = orders.map(({ o, from }, i) => {
    const next = orders[i + 1];
    const until = next ? next.from - 1 : endDay;
    const signed = signedAt(from);
    return {
      id: o.id,
      courseId: course.id,
      drug: DRUG[course.protocol],
      route: ROUTE[course.protocol],
      doseMgPerKg: o.mgPerKg,
      doseMg: o.mg,
      infusionMinutes: o.infusionMinutes,
      orderedBy: course.patient.psychiatrist.id,
      signedAt: signed,
      validFrom: cal.isoDate(from),
      validUntil: until === null ? null : cal.isoDate(until),
      createdAt: signed,
    };
  });
  return {
    course: {
      id: course.id,
      patientId: course.patient.id,
      protocol: course.protocol,
      paradigm: course.paradigm,
      plannedSessions: course.plannedSessions,
      startDate: cal.isoDate(startDay),
      endDate: endDay === null ? null : cal.isoDate(endDay),
      status: course.status,
      createdBy: course.patient.psychiatrist.id,
      createdAt: orderRows[0]?.createdAt ?? cal.at(-1, 9 * 60),
    },
    orders: orderRows,
  };
}
