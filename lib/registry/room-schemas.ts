/** Zod schemas of rooms and clinic hours, shared by the API operations, use cases and forms. */
import { z } from "zod";

export const ROOM_KINDS = ["room", "chair"] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** 24-hour wall-clock time in the clinic's time zone. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const roomName = z
  .string()
  .trim()
  .min(1, "Enter the room's name.")
  .max(60, "A room name is at most 60 characters.");

const clockTime = (what: string): z.ZodString =>
  z.string().trim().regex(CLOCK_TIME_PATTERN, `Enter the ${what} as HH:MM (24-hour), e.g. 08:00.`);

export const roomInputSchema = z
  .object({
    name: roomName,
    kind: z.enum(ROOM_KINDS).default("room"),
    /** The clinic's location when omitted. */
    locationId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: "RoomInput" });
export type RoomInput = z.input<typeof roomInputSchema>;

export const roomPatchSchema = z
  .object({
    name: roomName.optional(),
    kind: z.enum(ROOM_KINDS).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "RoomPatch" });
export type RoomPatch = z.input<typeof roomPatchSchema>;

export const roomSchema = z
  .object({
    id: z.uuid(),
    locationId: z.uuid(),
    name: z.string(),
    kind: z.enum(ROOM_KINDS),
    /** One patient at a time, as DESIGN.md has it. */
    capacity: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: "Room" });
export type RoomView = z.infer<typeof roomSchema>;

export const roomUpdatedSchema = roomSchema
  .extend({
    changed: z.array(z.string()),
    /** Sessions still booked in the room from now on (to rebook after deactivating it). */
    upcomingSessions: z.number().int(),
  })
  .meta({ id: "RoomUpdated" });
export type RoomUpdated = z.infer<typeof roomUpdatedSchema>;

export const roomListQuerySchema = z.object({
  /** "true": only rooms that can be booked; "false": only deactivated ones; omitted: all. */
  active: z.enum(["true", "false"]).optional(),
});

export const roomListSchema = z.object({ data: z.array(roomSchema) }).meta({ id: "RoomList" });

export const clinicHoursQuerySchema = z.object({ locationId: z.uuid().optional() });

export const clinicHoursInputSchema = z
  .object({
    opensAt: clockTime("opening time"),
    closesAt: clockTime("closing time"),
    locationId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: "ClinicHoursInput" });
export type ClinicHoursInput = z.input<typeof clinicHoursInputSchema>;

export const clinicHoursSchema = z
  .object({
    /** Null while the clinic has no location yet: the hours are then the scheduling defaults. */
    locationId: z.uuid().nullable(),
    locationName: z.string().nullable(),
    timeZone: z.string(),
    opensAt: z.string().regex(CLOCK_TIME_PATTERN),
    closesAt: z.string().regex(CLOCK_TIME_PATTERN),
  })
  .meta({ id: "ClinicHours" });
export type ClinicHours = z.infer<typeof clinicHoursSchema>;
