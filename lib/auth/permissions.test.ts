import { describe, expect, it } from "vitest";
import {
  CAPABILITIES,
  PAGE_CAPABILITIES,
  PERMISSION_MATRIX,
  ROLES,
  can,
  canAmendVitals,
  canOpenPage,
  type Capability,
} from "@/lib/auth/permissions";
import type { Role } from "@/db/schema";

// The matrix of DESIGN.md, written out cell by cell so that any change to the module is a
// deliberate change to this table too.
const DESIGN_MATRIX: Record<Capability, Record<Role, "yes" | "no" | "own">> = {
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

describe("permission matrix", () => {
  for (const capability of CAPABILITIES) {
    for (const role of ROLES) {
      const expected = DESIGN_MATRIX[capability][role];
      it(`${role} → ${capability}: ${expected}`, () => {
        expect(PERMISSION_MATRIX[capability][role]).toBe(expected);
        expect(can(role, capability)).toBe(expected !== "no");
      });
    }
  }

  it("covers exactly the capabilities of the design", () => {
    expect([...CAPABILITIES].sort()).toEqual(Object.keys(DESIGN_MATRIX).sort());
  });
});

describe("amending a vitals row", () => {
  const nurse = { id: "nurse-1", role: "nurse" as const };
  it("a nurse may amend a row she recorded", () => {
    expect(canAmendVitals(nurse, { recordedBy: "nurse-1" })).toBe(true);
  });
  it("a nurse may not amend another nurse's row", () => {
    expect(canAmendVitals(nurse, { recordedBy: "nurse-2" })).toBe(false);
  });
  it("a psychiatrist may amend any row", () => {
    expect(canAmendVitals({ id: "psy", role: "psychiatrist" }, { recordedBy: "nurse-2" })).toBe(
      true,
    );
  });
  it("an admin may amend none", () => {
    expect(canAmendVitals({ id: "adm", role: "admin" }, { recordedBy: "adm" })).toBe(false);
  });
});

describe("pages", () => {
  it("admin pages are for admins only", () => {
    for (const page of ["/admin/users", "/admin/audit", "/admin/rooms"] as const) {
      expect(canOpenPage("admin", page)).toBe(true);
      expect(canOpenPage("nurse", page)).toBe(false);
      expect(canOpenPage("psychiatrist", page)).toBe(false);
    }
  });
  it("every role may open the shared pages and its own account", () => {
    for (const role of ROLES) {
      for (const page of ["/patients", "/today", "/schedule", "/account"] as const) {
        expect(canOpenPage(role, page)).toBe(true);
      }
    }
  });
  it("registering and editing patients is for psychiatrists and admins", () => {
    for (const page of ["/patients/new", "/patients/[id]/edit"] as const) {
      expect(canOpenPage("psychiatrist", page)).toBe(true);
      expect(canOpenPage("admin", page)).toBe(true);
      expect(canOpenPage("nurse", page)).toBe(false);
    }
  });
  it("every page has a decision", () => {
    expect(Object.keys(PAGE_CAPABILITIES).length).toBeGreaterThanOrEqual(6);
  });
});
