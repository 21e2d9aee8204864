/** Request shapes of the series preview and booking. */
import { z } from "zod";
import { SERIES_TEMPLATES } from "@/lib/schedule/series";
import { overrideSchema } from "@/lib/schedule/booking-schemas";

const isoDateTime = z.iso.datetime({ offset: true });

const seriesTeam = {
  patientId: z.uuid(),
  template: z.enum(SERIES_TEMPLATES),
  roomId: z.uuid(),
  psychiatristId: z.uuid().nullable().optional(),
  nurseId: z.uuid().nullable().optional(),
  courseId: z.uuid().nullable().optional(),
};

export const seriesPreviewSchema = z
  .object({
    ...seriesTeam,
    firstDate: z.iso.date(),
    weekdays: z.array(z.number().int().min(1).max(5)).min(1).max(5),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Time must be HH:MM."),
    withIntegration: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "SeriesPreviewInput" });

export const seriesBookSchema = z
  .object({
    ...seriesTeam,
    sessions: z
      .array(
        z.object({
          kind: z.enum(["dosing", "integration"]),
          dosingNumber: z.number().int().min(1).max(52).nullable().optional(),
          start: isoDateTime,
          end: isoDateTime,
        }),
      )
      .min(1)
      .max(40),
    override: overrideSchema.optional(),
  })
  .strict()
  .meta({ id: "SeriesBookInput" });
