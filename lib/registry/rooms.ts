/**
 * The clinic's rooms and chairs, and its opening hours. Everyone reads them (`schedule:read`);
 * only the front desk changes them (`schedule:manage`), audited like every write.
 */
import "server-only";
import { and, asc, count, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations, rooms, sessions } from "@/db/schema";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { SCHEDULING_DEFAULTS } from "@/lib/clinical/scheduling-defaults";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { uuidOrNull } from "@/lib/registry/ids";
import {
  clinicHoursInputSchema,
  roomInputSchema,
  roomPatchSchema,
  type ClinicHours,
  type RoomUpdated,
  type RoomView,
} from "@/lib/registry/room-schemas";
import { violatedUniqueIndex, withRegistryWrite } from "@/lib/registry/registry-write";
import { parseInput } from "@/lib/validation";

const ROOM_NAME_INDEX = "rooms_location_name_key";
/** Sessions that still hold their room. */
const BOOKED_STATUSES = ["scheduled", "checked_in", "in_progress"] as const;

type LocationRow = typeof locations.$inferSelect;
type RoomRow = typeof rooms.$inferSelect;

function roomView(row: RoomRow): RoomView {
  return {
    id: row.id,
    locationId: row.locationId,
    name: row.name,
    kind: row.kind,
    capacity: row.capacity,
    active: row.active,
  };
}

/** PostgreSQL answers a `time` as "08:00:00"; the clinic reads "08:00". */
const clock = (time: string): string => time.slice(0, 5);

function nameTaken(name: string | null): AppError {
  const which = name === null ? "a room with that name" : `a room named "${name}"`;
  return new AppError("conflict", `There is already ${which} at this location.`, [
    { field: "name", message: "Choose a name no other room at this location has." },
  ]);
}

const translateRoomErrors = (error: unknown): AppError | null =>
  violatedUniqueIndex(error) === ROOM_NAME_INDEX ? nameTaken(null) : null;

/** The named location, or the clinic's first one (Kapstone runs one location per install today). */
async function findLocation(db: Db | Tx, locationId?: string): Promise<LocationRow | null> {
  if (locationId !== undefined) {
    const [row] = await db.select().from(locations).where(eq(locations.id, locationId));
    if (!row) throw new AppError("not_found", "No such location.");
    return row;
  }
  const [first] = await db
    .select()
    .from(locations)
    .orderBy(asc(locations.createdAt), asc(locations.id))
    .limit(1);
  return first ?? null;
}

/** The location a write applies to; a fresh install gets its clinic location on first use. */
async function locationForWrite(tx: Tx, locationId?: string): Promise<LocationRow> {
  const found = await findLocation(tx, locationId);
  if (found) return found;
  const { opens, closes } = SCHEDULING_DEFAULTS.clinicHours;
  const [created] = await tx
    .insert(locations)
    .values({ name: "Clinic", timeZone: config().clinicTimeZone, opensAt: opens, closesAt: closes })
    .returning();
  if (!created) throw new AppError("conflict", "The clinic location could not be created.");
  return created;
}

async function refuseTakenName(
  tx: Tx,
  locationId: string,
  name: string,
  exceptId: string | null = null,
): Promise<void> {
  const sameName = sql`lower(${rooms.name}) = lower(${name})`;
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(
      and(
        eq(rooms.locationId, locationId),
        sameName,
        exceptId ? ne(rooms.id, exceptId) : undefined,
      ),
    );
  if (taken) throw nameTaken(name);
}

/** Rooms and chairs, bookable ones first, by name. */
export async function listRooms(
  db: Db,
  actor: ActorContext,
  filter: { active?: boolean } = {},
): Promise<RoomView[]> {
  await authorize(db, actor, "schedule:read", { action: "room.list", entityType: "room" });
  const rows = await db
    .select()
    .from(rooms)
    .where(filter.active === undefined ? undefined : eq(rooms.active, filter.active))
    .orderBy(desc(rooms.active), asc(rooms.name));
  return rows.map(roomView);
}

/** Adds a room or chair; its name is unique at the location, whatever the letter case. */
export async function createRoom(
  db: Db,
  actor: ActorContext,
  rawInput: unknown,
): Promise<RoomView> {
  return withRegistryWrite(
    db,
    actor,
    "schedule:manage",
    { action: "room.create", entityType: "room" },
    async (tx) => {
      const input = parseInput(roomInputSchema, rawInput);
      const location = await locationForWrite(tx, input.locationId);
      await refuseTakenName(tx, location.id, input.name);
      const [row] = await tx
        .insert(rooms)
        .values({ locationId: location.id, name: input.name, kind: input.kind, capacity: 1 })
        .returning();
      if (!row) throw new AppError("conflict", "The room could not be added; try again.");
      return { result: roomView(row), entityId: row.id, detail: { kind: row.kind } };
    },
    { translate: translateRoomErrors },
  );
}

/**
 * Renames a room, changes its kind, or (de)activates it. A deactivated room keeps its history
 * and the sessions already booked in it; the answer counts those still ahead, to rebook them.
 */
export async function updateRoom(
  db: Db,
  actor: ActorContext,
  roomId: string,
  rawPatch: unknown,
  options: { now?: Date } = {},
): Promise<RoomUpdated> {
  const now = options.now ?? new Date();
  const id = uuidOrNull(roomId);
  return withRegistryWrite(
    db,
    actor,
    "schedule:manage",
    { action: "room.update", entityType: "room", entityId: roomId },
    async (tx) => {
      const patch = parseInput(roomPatchSchema, rawPatch);
      if (Object.keys(patch).length === 0) {
        throw new AppError("bad_request", "Change at least one field.");
      }
      const [current] = id
        ? await tx.select().from(rooms).where(eq(rooms.id, id)).for("update")
        : [];
      if (!current) throw new AppError("not_found", "No such room.");
      if (patch.name !== undefined) await refuseTakenName(tx, current.locationId, patch.name, id);
      const changed = (["name", "kind", "active"] as const).filter(
        (field) => patch[field] !== undefined && patch[field] !== current[field],
      );
      const [row] =
        changed.length > 0
          ? await tx
              .update(rooms)
              .set({ name: patch.name, kind: patch.kind, active: patch.active })
              .where(eq(rooms.id, current.id))
              .returning()
          : [current];
      if (!row) throw new AppError("not_found", "No such room.");
      const [upcoming] = await tx
        .select({ n: count() })
        .from(sessions)
        .where(
          and(
            eq(sessions.roomId, row.id),
            gte(sessions.scheduledEnd, now),
            inArray(sessions.status, [...BOOKED_STATUSES]),
          ),
        );
      return {
        result: { ...roomView(row), changed, upcomingSessions: upcoming?.n ?? 0 },
        entityId: row.id,
        detail: { fields: changed },
      };
    },
    { translate: translateRoomErrors },
  );
}

function hoursView(location: LocationRow | null): ClinicHours {
  if (!location) {
    const { opens, closes } = SCHEDULING_DEFAULTS.clinicHours;
    return {
      locationId: null,
      locationName: null,
      timeZone: config().clinicTimeZone,
      opensAt: opens,
      closesAt: closes,
    };
  }
  return {
    locationId: location.id,
    locationName: location.name,
    timeZone: location.timeZone,
    opensAt: clock(location.opensAt),
    closesAt: clock(location.closesAt),
  };
}

/**
 * The hours stored on the location, for the scheduling rules to judge `outside-hours` by; the
 * configured defaults (CLINICAL.md 08:00–18:00) while no location exists. No permission check:
 * callers are use cases that have checked their own.
 */
export async function storedClinicHours(db: Db | Tx, locationId?: string): Promise<ClinicHours> {
  return hoursView(await findLocation(db, locationId));
}

export async function getClinicHours(
  db: Db,
  actor: ActorContext,
  locationId?: string,
): Promise<ClinicHours> {
  await authorize(db, actor, "schedule:read", { action: "clinic.hours", entityType: "location" });
  return storedClinicHours(db, locationId);
}

/** Sets the daily opening and closing time (HH:MM, opening before closing). */
export async function updateClinicHours(
  db: Db,
  actor: ActorContext,
  rawInput: unknown,
): Promise<ClinicHours> {
  return withRegistryWrite(
    db,
    actor,
    "schedule:manage",
    { action: "clinic.hours.update", entityType: "location" },
    async (tx) => {
      const input = parseInput(clinicHoursInputSchema, rawInput);
      // "HH:MM" strings of equal length compare as times do.
      if (input.opensAt >= input.closesAt) {
        throw new AppError("unprocessable", "The clinic must open before it closes.", [
          { field: "closesAt", message: `Closing time must be after ${input.opensAt}.` },
        ]);
      }
      const location = await locationForWrite(tx, input.locationId);
      const [row] = await tx
        .update(locations)
        .set({ opensAt: input.opensAt, closesAt: input.closesAt })
        .where(eq(locations.id, location.id))
        .returning();
      if (!row) throw new AppError("not_found", "No such location.");
      const before = hoursView(location);
      return {
        result: hoursView(row),
        entityId: row.id,
        detail: {
          from: `${before.opensAt}–${before.closesAt}`,
          to: `${input.opensAt}–${input.closesAt}`,
        },
      };
    },
  );
}
