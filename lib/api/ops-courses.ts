/**
 * JSON API of the treatment plan (merged into `ops` in lib/api/operations.ts): treatment courses
 * and the dose orders a psychiatrist signs for them. The use cases in lib/courses parse with
 * these same schemas; client components import only their types.
 */
import { z } from "zod";
import { courseStatusEnum, drugEnum, paradigmEnum, protocolEnum, routeEnum } from "@/db/schema";
import type { Operation } from "@/lib/api/operations";

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const idParams = z.object({ id: z.uuid() });

/** Body of POST /patients/{id}/courses. */
export const courseInputSchema = z
  .object({
    protocol: z.enum(protocolEnum.enumValues),
    paradigm: z.enum(paradigmEnum.enumValues),
    plannedSessions: z.number().int().min(1).max(52),
    startDate: isoDate,
  })
  .strict()
  .meta({ id: "CourseInput" });
export type CourseInput = z.input<typeof courseInputSchema>;
export type Paradigm = z.infer<typeof courseInputSchema>["paradigm"];

/** Body of POST /courses/{id}/dose-orders. Clinical ranges are checked after parsing (422). */
export const doseOrderInputSchema = z
  .object({
    doseMgPerKg: z.number().nullable().optional(),
    doseMg: z.number().nullable().optional(),
    infusionMinutes: z.number().nullable().optional(),
    validFrom: isoDate,
    validUntil: isoDate.nullable().optional(),
    /** Required (true) with a reason when the dose is outside the usual range. */
    confirmOutOfRange: z.boolean().optional(),
    reason: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .meta({ id: "DoseOrderInput" });
export type DoseOrderInput = z.input<typeof doseOrderInputSchema>;

export const doseOrderSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    drug: z.enum(drugEnum.enumValues),
    route: z.enum(routeEnum.enumValues),
    doseMgPerKg: z.number().nullable(),
    doseMg: z.number().nullable(),
    infusionMinutes: z.number().int().nullable(),
    outOfRangeReason: z.string().nullable(),
    signedBy: z.object({ id: z.uuid(), name: z.string() }),
    signedAt: isoDateTime.nullable(),
    validFrom: isoDate,
    validUntil: isoDate.nullable(),
  })
  .meta({ id: "DoseOrder" });
export type DoseOrderView = z.infer<typeof doseOrderSchema>;

export const courseSchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    protocol: z.enum(protocolEnum.enumValues),
    paradigm: z.enum(paradigmEnum.enumValues),
    plannedSessions: z.number().int(),
    startDate: isoDate,
    endDate: isoDate.nullable(),
    status: z.enum(courseStatusEnum.enumValues),
  })
  .meta({ id: "TreatmentCourse" });
export type CourseView = z.infer<typeof courseSchema>;
export type CourseStatus = CourseView["status"];

/** A course with its dose orders, newest first. */
export const courseWithOrdersSchema = courseSchema
  .extend({ orders: z.array(doseOrderSchema) })
  .meta({ id: "TreatmentCourseWithOrders" });
export type CourseWithOrders = z.infer<typeof courseWithOrdersSchema>;

export const courseListSchema = z
  .object({ courses: z.array(courseWithOrdersSchema) })
  .meta({ id: "TreatmentCourseList" });

/** The signed order, the order it closed (if any) and the warnings that were confirmed. */
export const doseOrderSignedSchema = doseOrderSchema
  .extend({
    closedOrder: z.object({ id: z.uuid(), validUntil: isoDate }).nullable(),
    warnings: z.array(z.string()),
  })
  .meta({ id: "DoseOrderSigned" });
export type DoseOrderSigned = z.infer<typeof doseOrderSignedSchema>;

export const coursesOps = {
  listCourses: {
    operationId: "listCourses",
    method: "GET",
    path: "/api/v1/patients/{id}/courses",
    summary: "A patient's treatment courses with their dose orders (newest first)",
    access: "clinical:read",
    params: idParams,
    response: courseListSchema,
    tags: ["courses"],
  },
  createCourse: {
    operationId: "createCourse",
    method: "POST",
    path: "/api/v1/patients/{id}/courses",
    summary:
      "Create a treatment course (psychiatrists); one planned or active course per protocol and patient",
    access: "orders:sign",
    params: idParams,
    body: courseInputSchema,
    response: courseSchema,
    successStatus: 201,
    tags: ["courses"],
  },
  signDoseOrder: {
    operationId: "signDoseOrder",
    method: "POST",
    path: "/api/v1/courses/{id}/dose-orders",
    summary:
      "Sign a dose order (psychiatrists); outside the usual range needs confirmOutOfRange and a reason. The previous open order closes the day before",
    access: "orders:sign",
    params: idParams,
    body: doseOrderInputSchema,
    response: doseOrderSignedSchema,
    successStatus: 201,
    tags: ["courses"],
  },
} as const satisfies Record<string, Operation>;
