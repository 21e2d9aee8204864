/**
 * The clinic network of the large seed: locations, staff sized to the caseload, and rooms that
 * grow as the bookings need them so that no room is ever double-booked.
 */
import type { Role, locations, rooms, users } from "../../schema";
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from "../names";
import type { Random } from "../random";
import { DEMO_ACCOUNTS, type StaffMember } from "../staff";

const CITIES: readonly { name: string; address: string }[] = [
  { name: "Portland", address: "250 Harbor View Drive, Suite 300, Portland, ME 04101" },
  { name: "Boston", address: "88 Tremont Street, Floor 4, Boston, MA 02108" },
  { name: "Providence", address: "12 Weybosset Street, Providence, RI 02903" },
  { name: "Hartford", address: "400 Asylum Avenue, Suite 210, Hartford, CT 06103" },
  { name: "Burlington", address: "75 Church Street, Burlington, VT 05401" },
  { name: "Manchester", address: "1000 Elm Street, Suite 5, Manchester, NH 03101" },
  { name: "Worcester", address: "370 Main Street, Worcester, MA 01608" },
  { name: "Albany", address: "90 State Street, Suite 700, Albany, NY 12207" },
  { name: "Springfield", address: "1500 Main Street, Springfield, MA 01115" },
  { name: "Bangor", address: "49 Hammond Street, Bangor, ME 04401" },
];

/** Patients per psychiatrist, per nurse, per admin and per room or chair at the start. */
export const RATIOS = { psychiatrist: 400, nurse: 300, admin: 2500, room: 250, location: 3000 };

export type Member = StaffMember & { location: number };

export type Network = {
  locationRows: (typeof locations.$inferInsert)[];
  userRows: (typeof users.$inferInsert)[];
  /** Per location. */
  psychiatrists: Member[][];
  nurses: Member[][];
};

const TITLES: Record<Role, readonly string[]> = {
  psychiatrist: ["MD", "MD", "DO", "MD, PhD"],
  nurse: ["RN", "RN, BSN", "NP", "RN"],
  admin: ["Clinic coordinator", "Front desk", "Practice manager", "Scheduler"],
};

export function buildNetwork(
  rng: Random,
  ids: Random,
  patients: number,
  passwordHash: string,
  timeZone: string,
  createdAt: Date,
): Network {
  const locationCount = Math.min(CITIES.length, Math.max(1, Math.ceil(patients / RATIOS.location)));
  const locationRows = CITIES.slice(0, locationCount).map((city) => ({
    id: ids.uuid(),
    name: `Kapstone ${city.name}`,
    address: city.address,
    timeZone,
    opensAt: "08:00",
    closesAt: "18:00",
    createdAt,
  }));
  const userRows: (typeof users.$inferInsert)[] = [];
  const psychiatrists: Member[][] = locationRows.map(() => []);
  const nurses: Member[][] = locationRows.map(() => []);
  const emails = new Set<string>();
  const add = (role: Role, index: number, location: number): void => {
    const demo = index === 0 ? DEMO_ACCOUNTS.find((a) => a.role === role) : undefined;
    let name: string = demo?.name ?? "";
    if (!demo) {
      const given = rng.pick(rng.chance(0.6) ? FEMALE_NAMES : MALE_NAMES);
      name = `${role === "psychiatrist" ? "Dr. " : ""}${given} ${rng.pick(FAMILY_NAMES)}`;
    }
    const local = name
      .replace(/^Dr\.\s+/, "")
      .toLowerCase()
      .replace(/[^a-z ]/g, "")
      .replace(/ /g, ".");
    let email = demo?.email ?? `${local}@staff.kapstone.test`;
    for (let n = 2; emails.has(email); n += 1) email = `${local}${n}@staff.kapstone.test`;
    emails.add(email);
    const member: Member = { id: ids.uuid(), name, role, email, location };
    userRows.push({
      id: member.id,
      name,
      email,
      passwordHash,
      role,
      title: rng.pick(TITLES[role]),
      createdAt,
      updatedAt: createdAt,
    });
    if (role === "psychiatrist") psychiatrists[location]?.push(member);
    if (role === "nurse") nurses[location]?.push(member);
  };
  const counts: Record<Role, number> = {
    psychiatrist: Math.max(locationCount, Math.ceil(patients / RATIOS.psychiatrist)),
    nurse: Math.max(locationCount * 2, Math.ceil(patients / RATIOS.nurse)),
    admin: Math.max(1, Math.ceil(patients / RATIOS.admin)) + locationCount,
  };
  for (const role of ["psychiatrist", "nurse", "admin"] as const) {
    for (let i = 0; i < counts[role]; i += 1) add(role, i, i % locationCount);
  }
  return { locationRows, userRows, psychiatrists, nurses };
}

type Pool = "chair" | "room";

/** Bookable start times (minutes after midnight) per pool; each slot fits the longest visit. */
const SLOTS: Record<Pool, readonly number[]> = {
  // Dosing: up to 180 min booked, 190 held with turnover.
  chair: [8 * 60, 11 * 60 + 15, 14 * 60 + 30],
  // Intake, preparation, integration and follow-up: up to 90 min.
  room: [8 * 60, 9 * 60 + 40, 11 * 60 + 20, 13 * 60, 14 * 60 + 40, 16 * 60 + 20],
};

/** Hands out room slots per location and day, opening another room or chair when all are taken. */
export class RoomBook {
  private readonly taken = new Map<string, number>();
  private readonly pools: { chair: string[]; room: string[] }[];
  /** Rooms created since the last `drain()`, to insert before the sessions that use them. */
  private fresh: (typeof rooms.$inferInsert)[] = [];
  total = 0;

  constructor(
    private readonly ids: Random,
    private readonly locationIds: readonly string[],
    initialPerLocation: number,
    private readonly createdAt: Date,
  ) {
    this.pools = locationIds.map(() => ({ chair: [], room: [] }));
    for (let l = 0; l < locationIds.length; l += 1) {
      for (let i = 0; i < initialPerLocation; i += 1) this.open(l, i % 3 === 2 ? "room" : "chair");
    }
  }

  private open(location: number, pool: Pool): string {
    const list = this.pools[location]?.[pool];
    const locationId = this.locationIds[location];
    if (!list || !locationId) throw new Error(`No location ${location}`);
    const id = this.ids.uuid();
    list.push(id);
    this.total += 1;
    this.fresh.push({
      id,
      locationId,
      name: pool === "chair" ? `Chair ${list.length}` : `Room ${list.length}`,
      kind: pool,
      capacity: 1,
      createdAt: this.createdAt,
    });
    return id;
  }

  /** A room and start minute on `day` at `location`. */
  book(location: number, day: number, dosing: boolean): { roomId: string; minute: number } {
    const pool: Pool = dosing ? "chair" : "room";
    const key = `${location}:${pool}:${day}`;
    const n = this.taken.get(key) ?? 0;
    this.taken.set(key, n + 1);
    const slots = SLOTS[pool];
    const index = Math.floor(n / slots.length);
    const list = this.pools[location]?.[pool] ?? [];
    const roomId = list[index] ?? this.open(location, pool);
    return { roomId, minute: slots[n % slots.length] ?? 8 * 60 };
  }

  drain(): (typeof rooms.$inferInsert)[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}
