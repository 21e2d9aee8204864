/** JSON API operations of the schedule (merged into `ops` in lib/api/operations.ts). */
import { z } from "zod";
import type { Operation } from "@/lib/api/operations";
import { transitionResultSchema } from "@/lib/api/session-schemas";
import { bookSessionSchema, cancelSchema, rescheduleSchema } from "@/lib/schedule/booking-schemas";
import { seriesBookSchema, seriesPreviewSchema } from "@/lib/schedule/series-schemas";

const created = z.object({ id: z.uuid() }).meta({ id: "Booked" });
const params = z.object({ id: z.uuid() });
const conflictSchema = z.object({
  code: z.string(),
  message: z.string(),
  overridable: z.boolean(),
  sessionId: z.uuid().optional(),
});

export const scheduleOps = {
  bookSession: {
    operationId: "bookSession",
    method: "POST",
    path: "/api/v1/sessions",
    summary:
      "Book a session; conflicts answer 409 with details.conflicts (room-overlap, patient-overlap, psychiatrist-overlap, nurse-ratio, dosing-interval, prescriber-required, outside-hours)",
    access: "schedule:manage",
    body: bookSessionSchema,
    response: created,
    successStatus: 201,
    tags: ["schedule"],
  },
  rescheduleSession: {
    operationId: "rescheduleSession",
    method: "PATCH",
    path: "/api/v1/sessions/{id}",
    summary: "Reschedule (time, room or staff) with the same conflict rules",
    access: "schedule:manage",
    params,
    body: rescheduleSchema,
    response: created,
    tags: ["schedule"],
  },
  cancelSession: {
    operationId: "cancelSession",
    method: "POST",
    path: "/api/v1/sessions/{id}/cancel",
    summary: "Cancel with a reason; the session stays visible and is never deleted",
    access: "schedule:manage",
    params,
    body: cancelSchema,
    response: transitionResultSchema,
    tags: ["schedule"],
  },
  previewSeries: {
    operationId: "previewSeries",
    method: "POST",
    path: "/api/v1/series/preview",
    summary:
      "Every planned session of an induction series with its conflicts and a suggested free slot",
    access: "schedule:manage",
    body: seriesPreviewSchema,
    response: z
      .object({
        sessions: z.array(
          z.object({
            index: z.number().int(),
            kind: z.enum(["dosing", "integration"]),
            dosingNumber: z.number().int().nullable(),
            start: z.iso.datetime({ offset: true }),
            end: z.iso.datetime({ offset: true }),
            conflicts: z.array(conflictSchema),
            suggestion: z
              .object({
                start: z.iso.datetime({ offset: true }),
                end: z.iso.datetime({ offset: true }),
              })
              .nullable(),
          }),
        ),
      })
      .meta({ id: "SeriesPreview" }),
    tags: ["schedule"],
  },
  bookSeries: {
    operationId: "bookSeries",
    method: "POST",
    path: "/api/v1/series",
    summary: "Book the accepted sessions of a series together (all or nothing)",
    access: "schedule:manage",
    body: seriesBookSchema,
    response: z.object({ ids: z.array(z.uuid()) }).meta({ id: "SeriesBooked" }),
    successStatus: 201,
    tags: ["schedule"],
  },
} as const satisfies Record<string, Operation>;
