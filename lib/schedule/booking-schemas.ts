/** Request shapes of booking, rescheduling and cancelling (shared by the API and the use cases). */
import { z } from "zod";
import { protocolEnum, sessionKindEnum } from "@/db/schema";

const isoDateTime = z.iso.datetime({ offset: true });

export const overrideSchema = z
  .object({
    reason: z.string().trim().min(3, "Give the reason for booking despite the conflict.").max(500),
  })
  .strict();

export const bookSessionSchema = z
  .object({
    patientId: z.uuid(),
    kind: z.enum(sessionKindEnum.enumValues),
    protocol: z.enum(protocolEnum.enumValues).nullable().optional(),
    roomId: z.uuid(),
    start: isoDateTime,
    end: isoDateTime.optional(),
    psychiatristId: z.uuid().nullable().optional(),
    nurseId: z.uuid().nullable().optional(),
    courseId: z.uuid().nullable().optional(),
    override: overrideSchema.optional(),
  })
  .strict()
  .meta({ id: "BookSession" });

export const rescheduleSchema = z
  .object({
    start: isoDateTime.optional(),
    end: isoDateTime.optional(),
    roomId: z.uuid().optional(),
    psychiatristId: z.uuid().nullable().optional(),
    nurseId: z.uuid().nullable().optional(),
    override: overrideSchema.optional(),
  })
  .strict()
  .meta({ id: "RescheduleSession" });

export const cancelSchema = z
  .object({ reason: z.string().trim().min(3, "Give the reason for cancelling.").max(500) })
  .strict()
  .meta({ id: "CancelSession" });
