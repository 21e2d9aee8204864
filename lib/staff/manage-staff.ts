/**
 * An admin's use cases on staff accounts: add a member with a temporary password, change a role,
 * deactivate or reactivate, reset a password. Each is one transaction with one audit row.
 */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { users } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { EMAIL_TAKEN, withStaffWrite } from "@/lib/staff/staff-write";
import {
  staffCreateInputSchema,
  staffUpdateInputSchema,
  type StaffCreated,
  type StaffMember,
  type StaffPasswordReset,
} from "@/lib/staff/staff-schemas";
import { generateTemporaryPassword } from "@/lib/staff/temporary-password";
import { parseInput } from "@/lib/validation";

const staffColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
};

/** A malformed id names no account; it must not reach a uuid column (PostgreSQL would reject it). */
function requireStaffId(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "No such staff account.");
  return id;
}

/** Adds a staff member who must choose their own password at first sign-in. */
export async function createStaff(
  db: Db,
  actor: ActorContext,
  rawInput: unknown,
): Promise<StaffCreated> {
  return withStaffWrite(
    db,
    actor,
    { action: "user.create", capability: "users:manage" },
    async () => {
      const input = parseInput(staffCreateInputSchema, rawInput);
      const temporaryPassword = input.temporaryPassword ?? generateTemporaryPassword();
      return { input, temporaryPassword, passwordHash: await hashPassword(temporaryPassword) };
    },
    async (tx, { input, temporaryPassword, passwordHash }) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, input.email))
        .limit(1);
      if (taken)
        throw new AppError("conflict", EMAIL_TAKEN, [
          { field: "email", message: "already in use" },
        ]);
      const [row] = await tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
          mustChangePassword: true,
        })
        .returning(staffColumns);
      if (!row) throw new Error("Inserting a staff account returned no row");
      return {
        result: { ...row, temporaryPassword },
        entityId: row.id,
        detail: { role: row.role, generatedPassword: input.temporaryPassword === undefined },
      };
    },
  );
}

/**
 * Changes a name or role, or deactivates / reactivates an account. The clinic must always keep
 * one active admin: every active admin row is locked (in id order, so two such writes queue
 * rather than deadlock) before the check, so two admins demoting each other at the same moment
 * cannot both succeed.
 */
export async function updateStaff(
  db: Db,
  actor: ActorContext,
  id: string,
  rawInput: unknown,
): Promise<StaffMember> {
  return withStaffWrite(
    db,
    actor,
    { action: "user.update", entityId: id, capability: "users:manage" },
    async () => parseInput(staffUpdateInputSchema, rawInput),
    async (tx, input) => {
      const activeAdmins = await lockActiveAdmins(tx);
      const [current] = await tx
        .select(staffColumns)
        .from(users)
        .where(eq(users.id, requireStaffId(id)))
        .for("update");
      if (!current) throw new AppError("not_found", "No such staff account.");
      const next = {
        name: input.name ?? current.name,
        role: input.role ?? current.role,
        active: input.active ?? current.active,
      };
      const removesAdmin =
        current.role === "admin" && current.active && (next.role !== "admin" || !next.active);
      if (removesAdmin && !activeAdmins.some((adminId) => adminId !== current.id)) {
        const change = next.active ? "changing this role" : "deactivating this account";
        throw new AppError(
          "conflict",
          `${current.name} is the last active admin. Make another staff member an admin before ${change}.`,
        );
      }
      const [row] = await tx
        .update(users)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(users.id, current.id))
        .returning(staffColumns);
      if (!row) throw new AppError("not_found", "No such staff account.");
      return { result: row, entityId: row.id, detail: { changes: changesBetween(current, row) } };
    },
  );
}

async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}

function changesBetween(
  before: StaffMember,
  after: StaffMember,
): Record<string, { from: string | boolean; to: string | boolean }> {
  const changes: Record<string, { from: string | boolean; to: string | boolean }> = {};
  for (const field of ["name", "role", "active"] as const) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

/** A new temporary password (shown once), to be changed at the next sign-in; clears a lockout. */
export async function resetStaffPassword(
  db: Db,
  actor: ActorContext,
  id: string,
): Promise<StaffPasswordReset> {
  return withStaffWrite(
    db,
    actor,
    { action: "user.reset-password", entityId: id, capability: "users:manage" },
    async () => {
      const temporaryPassword = generateTemporaryPassword();
      return { temporaryPassword, passwordHash: await hashPassword(temporaryPassword) };
    },
    async (tx, { temporaryPassword, passwordHash }) => {
      const [current] = await tx
        .select({ id: users.id, lockedUntil: users.lockedUntil })
        .from(users)
        .where(eq(users.id, requireStaffId(id)))
        .for("update");
      if (!current) throw new AppError("not_found", "No such staff account.");
      await tx
        .update(users)
        .set({
          passwordHash,
          mustChangePassword: true,
          failedLoginCount: 0,
          lastFailedLoginAt: null,
          lockedUntil: null,
          updatedAt: new Date(),
        })
        .where(eq(users.id, current.id));
      return {
        result: { id: current.id, temporaryPassword },
        entityId: current.id,
        detail: { wasLocked: current.lockedUntil !== null && current.lockedUntil > new Date() },
      };
    },
  );
}
