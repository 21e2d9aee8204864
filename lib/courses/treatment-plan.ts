import "server-only";
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  or,
  sql,
  type SQL,
  type SQLWrapper,
} from "drizzle-orm";
import type { Db } from "@/db/client";
import { doseOrders, patients, treatmentCourses, users } from "@/db/schema";
import {
  courseInputSchema,
  doseOrderInputSchema,
  type CourseInput,
  type CourseView,
  type CourseWithOrders,
  type DoseOrderInput,
  type DoseOrderSigned,
} from "@/lib/api/ops-courses";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import {
  checkDoseOrder,
  PROTOCOL_DOSE_BASIS,
  PROTOCOL_DRUG_ROUTE,
} from "@/lib/clinical/dose-order-rules";
import {
  checkValidity,
  courseView,
  dayBefore,
  OPEN_COURSE_STATUSES,
  orderView,
  today,
  uuidOrNull,
  withPlanWrite,
} from "@/lib/courses/plan-write";
import { AppError } from "@/lib/errors";
import { PROTOCOL_LABEL } from "@/lib/labels";
import { parseInput } from "@/lib/validation";

/**
 * A psychiatrist opens a treatment course for a patient: active when it starts today or
 * earlier, planned otherwise. A patient has at most one planned or active course per protocol.
 */
export async function createCourse(
  db: Db,
  actor: ActorContext,
  patientId: string,
  rawInput: CourseInput,
  now: Date = new Date(),
): Promise<CourseView> {
  const patientKey = uuidOrNull(patientId);
  return withPlanWrite(
    db,
    actor,
    { action: "course.create", entityType: "course", patientId: patientKey },
    async (tx) => {
      const input = parseInput(courseInputSchema, rawInput);
      // Locked so that two psychiatrists cannot open the same course at once.
      const [patient] = patientKey
        ? await tx
            .select({ id: patients.id })
            .from(patients)
            .where(eq(patients.id, patientKey))
            .for("update")
        : [];
      if (!patient) throw new AppError("not_found", "No such patient.");
      const [open] = await tx
        .select({ status: treatmentCourses.status, startDate: treatmentCourses.startDate })
        .from(treatmentCourses)
        .where(
          and(
            eq(treatmentCourses.patientId, patient.id),
            eq(treatmentCourses.protocol, input.protocol),
            inArray(treatmentCourses.status, OPEN_COURSE_STATUSES),
          ),
        )
        .limit(1);
      if (open) {
        throw new AppError(
          "conflict",
          `This patient already has a ${open.status} ${PROTOCOL_LABEL[input.protocol]} course (from ${open.startDate}); complete or discontinue it first.`,
          [{ field: "protocol", message: `${open.status} course exists` }],
        );
      }
      const status = input.startDate <= today(now) ? "active" : "planned";
      const [row] = await tx
        .insert(treatmentCourses)
        .values({ ...input, patientId: patient.id, status, createdBy: actor.id, createdAt: now })
        .returning();
      if (!row) throw new AppError("conflict", "The course could not be stored; try again.");
      return {
        result: courseView(row),
        entityId: row.id,
        patientId: row.patientId,
        detail: { ...input, status },
      };
    },
  );
}

/**
 * A psychiatrist signs a dose order for a course. The dose follows the protocol's rules
 * (CLINICAL.md ranges); outside the usual range it needs a confirmation with a reason, which is
 * kept on the order. The open order before it closes the day before, so exactly one order is in
 * force on any day from the first order on.
 */
export async function signDoseOrder(
  db: Db,
  actor: ActorContext,
  courseId: string,
  rawInput: DoseOrderInput,
  now: Date = new Date(),
): Promise<DoseOrderSigned> {
  const courseKey = uuidOrNull(courseId);
  const [known] = courseKey
    ? await db
        .select({ patientId: treatmentCourses.patientId })
        .from(treatmentCourses)
        .where(eq(treatmentCourses.id, courseKey))
    : [];
  return withPlanWrite(
    db,
    actor,
    {
      action: "dose-order.sign",
      entityType: "dose_order",
      patientId: known?.patientId ?? null,
      detail: { courseId: courseKey },
    },
    async (tx) => {
      const input = parseInput(doseOrderInputSchema, rawInput);
      // Locked so that two orders signed at once cannot both stay open.
      const [course] = courseKey
        ? await tx
            .select()
            .from(treatmentCourses)
            .where(eq(treatmentCourses.id, courseKey))
            .for("update")
        : [];
      if (!course) throw new AppError("not_found", "No such treatment course.");
      if (course.status !== "planned" && course.status !== "active") {
        throw new AppError(
          "conflict",
          `The course is ${course.status}: start a new course to order doses.`,
          [{ field: "status", message: course.status }],
        );
      }
      checkValidity(input, course, now);

      const weightBased = PROTOCOL_DOSE_BASIS[course.protocol] === "mgPerKg";
      const reason = input.reason?.trim() || null;
      const check = checkDoseOrder({ ...input, protocol: course.protocol, reason });
      if (check.problems.length > 0) {
        throw new AppError(
          "unprocessable",
          check.problems.map((p) => p.message).join(" "),
          check.problems,
        );
      }
      if (check.needsConfirmation && !(input.confirmOutOfRange === true && reason)) {
        throw new AppError(
          "unprocessable",
          `${check.warnings.join(" ")} To sign it, confirm with a reason.`,
          [{ field: "confirmOutOfRange", message: "confirm with a reason" }],
        );
      }

      const overlapping = await tx
        .select({ id: doseOrders.id, validFrom: doseOrders.validFrom })
        .from(doseOrders)
        .where(
          and(
            eq(doseOrders.courseId, course.id),
            isNotNull(doseOrders.signedAt),
            or(isNull(doseOrders.validUntil), gte(doseOrders.validUntil, input.validFrom)),
          ),
        )
        .orderBy(desc(doseOrders.validFrom));
      const later = overlapping.find((o) => o.validFrom >= input.validFrom);
      if (later) {
        throw new AppError(
          "conflict",
          `A dose order from ${later.validFrom} is already signed for this course; a new order must start after it.`,
          [{ field: "validFrom", message: "an order already starts on or after this day" }],
        );
      }
      const closedUntil = dayBefore(input.validFrom);
      for (const open of overlapping) {
        await tx
          .update(doseOrders)
          .set({ validUntil: closedUntil })
          .where(eq(doseOrders.id, open.id));
      }

      const { drug, route } = PROTOCOL_DRUG_ROUTE[course.protocol];
      const [row] = await tx
        .insert(doseOrders)
        .values({
          courseId: course.id,
          drug,
          route,
          doseMgPerKg: weightBased ? (input.doseMgPerKg ?? null) : null,
          doseMg: weightBased ? null : (input.doseMg ?? null),
          infusionMinutes: route === "iv" ? (input.infusionMinutes ?? null) : null,
          outOfRangeReason: check.needsConfirmation ? reason : null,
          orderedBy: actor.id,
          signedAt: now,
          validFrom: input.validFrom,
          validUntil: input.validUntil ?? null,
          createdAt: now,
        })
        .returning();
      if (!row) throw new AppError("conflict", "The order could not be stored; try again.");
      const [signer] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.id, actor.id));
      const closed = overlapping[0];
      return {
        result: {
          ...orderView(row, signer ?? { id: actor.id, name: "" }),
          closedOrder: closed ? { id: closed.id, validUntil: closedUntil } : null,
          warnings: check.warnings,
        },
        entityId: row.id,
        patientId: course.patientId,
        detail: {
          courseId: course.id,
          protocol: course.protocol,
          doseMgPerKg: row.doseMgPerKg,
          doseMg: row.doseMg,
          infusionMinutes: row.infusionMinutes,
          validFrom: row.validFrom,
          validUntil: row.validUntil,
          outOfRange: check.needsConfirmation,
          reason: row.outOfRangeReason,
          closedOrderIds: overlapping.map((o) => o.id),
        },
      };
    },
  );
}

/** A patient's treatment courses, newest first, each with its orders (newest first). */
export async function listCourses(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<CourseWithOrders[]> {
  const patientKey = uuidOrNull(patientId);
  const attempt = { action: "course.list", entityType: "course", patientId: patientKey };
  await authorize(db, actor, "clinical:read", attempt);
  const [patient] = patientKey
    ? await db.select({ id: patients.id }).from(patients).where(eq(patients.id, patientKey))
    : [];
  if (!patient) {
    await recordAudit(db, {
      actor,
      ...attempt,
      outcome: "failure",
      requestAddress: actor.requestAddress,
      detail: { code: "not_found" },
    });
    throw new AppError("not_found", "No such patient.");
  }
  const list = await loadCourses(db, patient.id);
  await recordAudit(db, {
    actor,
    ...attempt,
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { courses: list.length, orders: list.reduce((n, c) => n + c.orders.length, 0) },
  });
  return list;
}

/** A patient's courses with their orders, newest first; the caller authorizes and audits. */
export async function loadCourses(db: Db, patientId: string): Promise<CourseWithOrders[]> {
  const courses = await db
    .select()
    .from(treatmentCourses)
    .where(eq(treatmentCourses.patientId, patientId))
    .orderBy(desc(treatmentCourses.startDate), desc(treatmentCourses.createdAt));
  const orders =
    courses.length === 0
      ? []
      : await db
          .select({ order: doseOrders, signerName: users.name })
          .from(doseOrders)
          .innerJoin(users, eq(users.id, doseOrders.orderedBy))
          .where(
            inArray(
              doseOrders.courseId,
              courses.map((c) => c.id),
            ),
          )
          .orderBy(desc(doseOrders.validFrom), desc(doseOrders.signedAt), asc(doseOrders.id));
  return courses.map((course) => ({
    ...courseView(course),
    orders: orders
      .filter((o) => o.order.courseId === course.id)
      .map((o) => orderView(o.order, { id: o.order.orderedBy, name: o.signerName })),
  }));
}

/**
 * A patient's courses with their orders, newest first, as a JSON array for a larger read: the
 * same shape and order as loadCourses, signing times as JSON text (see coursesFromJson).
 */
export function coursesJson(patientId: SQLWrapper): SQL {
  return sql`(
    select json_agg(json_build_object('id', c.id, 'patientId', c.patient_id,
      'protocol', c.protocol, 'paradigm', c.paradigm, 'plannedSessions', c.planned_sessions,
      'startDate', c.start_date, 'endDate', c.end_date, 'status', c.status,
      'orders', coalesce((
        select json_agg(json_build_object('id', o.id, 'courseId', o.course_id, 'drug', o.drug,
          'route', o.route, 'doseMgPerKg', o.dose_mg_per_kg, 'doseMg', o.dose_mg,
          'infusionMinutes', o.infusion_minutes, 'outOfRangeReason', o.out_of_range_reason,
          'signedBy', json_build_object('id', o.ordered_by, 'name', u.name),
          'signedAt', o.signed_at, 'validFrom', o.valid_from, 'validUntil', o.valid_until)
          order by o.valid_from desc, o.signed_at desc, o.id)
        from ${doseOrders} as o join ${users} as u on u.id = o.ordered_by
        where o.course_id = c.id), '[]'::json))
      order by c.start_date desc, c.created_at desc)
    from ${treatmentCourses} as c
    where c.patient_id = ${patientId})`;
}

export function coursesFromJson(courses: CourseWithOrders[] | null): CourseWithOrders[] {
  return (courses ?? []).map((course) => ({
    ...course,
    orders: course.orders.map((order) => ({
      ...order,
      signedAt: order.signedAt === null ? null : new Date(order.signedAt).toISOString(),
    })),
  }));
}
