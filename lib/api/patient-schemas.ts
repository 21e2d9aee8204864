/** The psychiatrist's resources: a patient's progress across the course, per instrument. */
import { z } from "zod";
import { INSTRUMENT_CODES } from "@/lib/clinical/instruments";

const isoDateTime = z.iso.datetime({ offset: true });

export const progressPointSchema = z.object({
  assessmentId: z.uuid(),
  at: isoDateTime,
  total: z.number().int().nullable(),
  band: z.string().nullable(),
  /** Item answers, for the chart's tooltip. */
  answers: z.array(z.number().int()),
  flags: z.array(z.string()),
});

export const instrumentProgressSchema = z
  .object({
    instrument: z.enum(INSTRUMENT_CODES),
    baseline: z.object({ total: z.number().int(), at: isoDateTime }).nullable(),
    latest: z
      .object({ total: z.number().int(), at: isoDateTime, band: z.string().nullable() })
      .nullable(),
    /** (latest − baseline) / baseline × 100; null when the baseline is 0 or missing. */
    changePercent: z.number().nullable(),
    response: z.boolean(),
    /** null for instruments without a remission rule (CADSS, C-SSRS). */
    remission: z.boolean().nullable(),
    /** The response line (50 % of baseline) and remission threshold, for the chart. */
    responseLine: z.number().nullable(),
    remissionLine: z.object({ comparator: z.enum(["<", "<="]), value: z.number() }).nullable(),
    points: z.array(progressPointSchema),
  })
  .meta({ id: "InstrumentProgress" });
export type InstrumentProgress = z.infer<typeof instrumentProgressSchema>;

export const dosingMarkerSchema = z.object({
  sessionId: z.uuid(),
  at: isoDateTime,
  numberInCourse: z.number().int().nullable(),
  doseMg: z.number().nullable(),
  doseMgPerKg: z.number().nullable(),
});
export type DosingMarker = z.infer<typeof dosingMarkerSchema>;

export const progressSchema = z
  .object({
    patientId: z.uuid(),
    primaryInstrument: z.enum(INSTRUMENT_CODES),
    firstDosingAt: isoDateTime.nullable(),
    instruments: z.array(instrumentProgressSchema),
    dosingSessions: z.array(dosingMarkerSchema),
  })
  .meta({ id: "Progress" });
export type Progress = z.infer<typeof progressSchema>;
