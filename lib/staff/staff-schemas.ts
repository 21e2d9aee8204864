/**
 * Shapes of staff accounts as the JSON API and the use cases in lib/staff share them. Client
 * components import only their types: the values pull in the password module.
 */
import { z } from "zod";
import { roleEnum } from "@/db/schema";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

const PASSWORD_MAX_LENGTH = 256;
const staffName = z
  .string()
  .trim()
  .min(1, "Enter the staff member's name.")
  .max(120, "Keep the name under 120 characters.");
const role = z.enum(roleEnum.enumValues, "Choose psychiatrist, nurse or admin.");
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address.").max(254, "Keep the email under 254 characters."));

export const staffMemberSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.email(),
    role,
    active: z.boolean(),
  })
  .meta({ id: "StaffMember" });
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffListSchema = z
  .object({ items: z.array(staffMemberSchema) })
  .meta({ id: "StaffList" });

/** Body of POST /users. Without a temporary password, a readable one is generated. */
export const staffCreateInputSchema = z
  .object({
    name: staffName,
    email,
    role,
    temporaryPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH)
      .optional(),
  })
  .strict()
  .meta({ id: "StaffCreateInput" });
export type StaffCreateInput = z.input<typeof staffCreateInputSchema>;

/** The new account, with its temporary password: shown once, never stored in clear. */
export const staffCreatedSchema = staffMemberSchema
  .extend({ temporaryPassword: z.string() })
  .meta({ id: "StaffCreated" });
export type StaffCreated = z.infer<typeof staffCreatedSchema>;

/** Body of PATCH /users/{id}: change the name or role, deactivate or reactivate. */
export const staffUpdateInputSchema = z
  .object({ name: staffName.optional(), role: role.optional(), active: z.boolean().optional() })
  .strict()
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "Name a change: name, role or active.",
  })
  .meta({ id: "StaffUpdateInput" });
export type StaffUpdateInput = z.input<typeof staffUpdateInputSchema>;

export const staffPasswordResetSchema = z
  .object({ id: z.uuid(), temporaryPassword: z.string() })
  .meta({ id: "StaffPasswordReset" });
export type StaffPasswordReset = z.infer<typeof staffPasswordResetSchema>;

/** Body of POST /me/password. */
export const passwordChangeInputSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH, `Keep the password under ${PASSWORD_MAX_LENGTH} characters.`),
  })
  .strict()
  .meta({ id: "PasswordChangeInput" });
export type PasswordChangeInput = z.input<typeof passwordChangeInputSchema>;

export const passwordChangedSchema = z
  .object({ changed: z.literal(true) })
  .meta({ id: "PasswordChanged" });
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
