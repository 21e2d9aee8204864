/**
 * The demo clinic's staff, location and rooms. All people are fictional.
 */
import type { Role, locations, rooms, users } from "../schema";
import type { Random } from "./random";

/** Demo data only; never loaded into a production database (DESIGN.md "Demo accounts"). */
export const DEMO_PASSWORD = "Kapstone-demo-1";

export const DEMO_ACCOUNTS = [
  { email: "psychiatrist@demo.kapstone.test", role: "psychiatrist", name: "Dr. Maya Okafor" },
  { email: "nurse@demo.kapstone.test", role: "nurse", name: "Sam Rivera" },
  { email: "admin@demo.kapstone.test", role: "admin", name: "Jordan Blake" },
] as const satisfies readonly { email: string; role: Role; name: string }[];

type StaffDefinition = { name: string; role: Role; title: string; email?: string };

const STAFF: readonly StaffDefinition[] = [
  { name: "Dr. Maya Okafor", role: "psychiatrist", title: "MD", email: DEMO_ACCOUNTS[0].email },
  { name: "Dr. Daniel Whitaker", role: "psychiatrist", title: "MD" },
  { name: "Dr. Priya Raman", role: "psychiatrist", title: "DO" },
  { name: "Sam Rivera", role: "nurse", title: "RN", email: DEMO_ACCOUNTS[1].email },
  { name: "Alicia Moreno", role: "nurse", title: "RN" },
  { name: "Kevin Tran", role: "nurse", title: "RN, BSN" },
  { name: "Grace Holloway", role: "nurse", title: "NP" },
  {
    name: "Jordan Blake",
    role: "admin",
    title: "Clinic coordinator",
    email: DEMO_ACCOUNTS[2].email,
  },
  { name: "Renee Castillo", role: "admin", title: "Practice manager" },
];

export type StaffMember = { id: string; name: string; role: Role; email: string };

export type Staff = {
  rows: (typeof users.$inferInsert)[];
  psychiatrists: StaffMember[];
  nurses: StaffMember[];
  admins: StaffMember[];
  demoPsychiatrist: StaffMember;
  demoNurse: StaffMember;
};

function staffEmail(name: string): string {
  const [first, last] = name.replace(/^Dr\.\s+/, "").split(/\s+/);
  return `${first ?? "staff"}.${last ?? "member"}@demo.kapstone.test`.toLowerCase();
}

export function buildStaff(ids: Random, passwordHash: string, createdAt: Date): Staff {
  const members: StaffMember[] = [];
  const rows: (typeof users.$inferInsert)[] = [];
  for (const def of STAFF) {
    const member: StaffMember = {
      id: ids.uuid(),
      name: def.name,
      role: def.role,
      email: (def.email ?? staffEmail(def.name)).toLowerCase(),
    };
    members.push(member);
    rows.push({
      id: member.id,
      name: member.name,
      email: member.email,
      passwordHash,
      role: member.role,
      title: def.title,
      createdAt,
      updatedAt: createdAt,
    });
  }
  const byRole = (role: Role): StaffMember[] => members.filter((m) => m.role === role);
  const find = (email: string): StaffMember => {
    const member = members.find((m) => m.email === email);
    if (!member) throw new Error(`Demo account ${email} missing from the staff list`);
    return member;
  };
  return {
    rows,
    psychiatrists: byRole("psychiatrist"),
    nurses: byRole("nurse"),
    admins: byRole("admin"),
    demoPsychiatrist: find(DEMO_ACCOUNTS[0].email),
    demoNurse: find(DEMO_ACCOUNTS[1].email),
  };
}

export type RoomInfo = { id: string; name: string; kind: "room" | "chair" };

export type Site = {
  location: typeof locations.$inferInsert;
  rooms: RoomInfo[];
  roomRows: (typeof rooms.$inferInsert)[];
};

export function buildSite(ids: Random, timeZone: string, createdAt: Date): Site {
  const locationId = ids.uuid();
  // Rooms first: quiet rooms suit longer psychedelic-paradigm and therapy sessions; the chairs
  // sit in the monitored treatment bay.
  const roomList: RoomInfo[] = [
    { id: ids.uuid(), name: "Room 1 – Willow", kind: "room" },
    { id: ids.uuid(), name: "Room 2 – Cedar", kind: "room" },
    { id: ids.uuid(), name: "Chair A", kind: "chair" },
    { id: ids.uuid(), name: "Chair B", kind: "chair" },
  ];
  return {
    location: {
      id: locationId,
      name: "Kapstone Demo Clinic",
      address: "250 Harbor View Drive, Suite 300, Portland, ME 04101",
      timeZone,
      opensAt: "08:00",
      closesAt: "18:00",
      createdAt,
    },
    rooms: roomList,
    roomRows: roomList.map((r) => ({
      id: r.id,
      locationId,
      name: r.name,
      kind: r.kind,
      capacity: 1,
      createdAt,
    })),
  };
}
