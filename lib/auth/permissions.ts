/**
 * The permission matrix of Kapstone, the only place where access is decided. Pages, server
 * actions, route handlers and query functions all ask it; the navigation asks it too, so a
 * role never sees a link it may not follow.
 */
import type { Role } from "@/db/schema";

export const ROLES = ["psychiatrist", "nurse", "admin"] as const satisfies readonly Role[];

export const CAPABILITIES = [
  /** See the patient list, demographics and the schedule. */
  "patients:read",
  /** Create or edit a patient's demographics. */
  "patients:write",
  /** See scores, vitals, doses, adverse events and notes (admins never: minimum necessary). */
  "clinical:read",
  /** Record an assessment (nurses enter self-report scales for the patient). */
  "assessments:record",
  /** Record vitals, the dose given and adverse events; check in; discharge. */
  "bedside:record",
  /** Amend a vitals row with a reason (nurses only their own rows). */
  "vitals:amend",
  /** Create a treatment course; sign dose orders. */
  "orders:sign",
  /** Write integration / progress notes. */
  "notes:write",
  /** Read the schedule. */
  "schedule:read",
  /** Book, reschedule and cancel sessions; manage rooms and clinic hours. */
  "schedule:manage",
  /** Manage staff accounts and roles. */
  "users:manage",
  /** Read the audit log. */
  "audit:read",
] as const;

export type Capability = (typeof CAPABILITIES)[number];

/** `own`: allowed only on records the user created (checked by the predicate for that record). */
export type Access = "yes" | "no" | "own";

export const PERMISSION_MATRIX: Readonly<Record<Capability, Readonly<Record<Role, Access>>>> = {
  "patients:read": { psychiatrist: "yes", nurse: "yes", admin: "yes" },
  "patients:write": { psychiatrist: "yes", nurse: "no", admin: "yes" },
  "clinical:read": { psychiatrist: "yes", nurse: "yes", admin: "no" },
  "assessments:record": { psychiatrist: "yes", nurse: "yes", admin: "no" },
  "bedside:record": { psychiatrist: "yes", nurse: "yes", admin: "no" },
  "vitals:amend": { psychiatrist: "yes", nurse: "own", admin: "no" },
  "orders:sign": { psychiatrist: "yes", nurse: "no", admin: "no" },
  "notes:write": { psychiatrist: "yes", nurse: "no", admin: "no" },
  "schedule:read": { psychiatrist: "yes", nurse: "yes", admin: "yes" },
  "schedule:manage": { psychiatrist: "no", nurse: "no", admin: "yes" },
  "users:manage": { psychiatrist: "no", nurse: "no", admin: "yes" },
  "audit:read": { psychiatrist: "no", nurse: "no", admin: "yes" },
};

export type Actor = { id: string; role: Role };

export function accessFor(role: Role, capability: Capability): Access {
  return PERMISSION_MATRIX[capability][role];
}

/**
 * May this role use the capability at all? `own` counts as yes here: the record-level
 * predicate (for example `canAmendVitals`) narrows it.
 */
export function can(role: Role, capability: Capability): boolean {
  return accessFor(role, capability) !== "no";
}

export function canAmendVitals(actor: Actor, row: { recordedBy: string }): boolean {
  const access = accessFor(actor.role, "vitals:amend");
  switch (access) {
    case "yes":
      return true;
    case "own":
      return row.recordedBy === actor.id;
    case "no":
      return false;
    default: {
      const unreachable: never = access;
      return unreachable;
    }
  }
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Readonly<Record<Role, string>> = {
  psychiatrist: "/patients",
  nurse: "/today",
  admin: "/schedule",
};

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  psychiatrist: "Psychiatrist",
  nurse: "Nurse",
  admin: "Admin",
};

/**
 * The capability each page needs. A page route missing here fails the access test, so a new
 * page cannot ship without a decision about who may open it.
 */
export const PAGE_CAPABILITIES = {
  "/patients": "patients:read",
  // Demographics for every role; the clinical sections only for clinical roles.
  "/patients/[id]": "patients:read",
  "/patients/new": "patients:write",
  "/patients/[id]/edit": "patients:write",
  "/admin/rooms": "schedule:manage",
  "/monitor": "clinical:read",
  "/outcomes": "clinical:read",
  "/today": "schedule:read",
  "/schedule": "schedule:read",
  // Admins see the appointment only; the page shows clinical data to clinical roles.
  "/sessions/[id]": "schedule:read",
  "/sessions/[id]/rems": "clinical:read",
  "/account": null,
  "/admin/users": "users:manage",
  "/admin/audit": "audit:read",
} as const satisfies Record<string, Capability | null>;

export type AppPath = keyof typeof PAGE_CAPABILITIES;

export function canOpenPage(role: Role, page: AppPath): boolean {
  const capability = PAGE_CAPABILITIES[page];
  return capability === null || can(role, capability);
}
