"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { addStaffMember, problemMessage } from "@/components/staff/staff-api";
import { TemporaryPassword } from "@/components/staff/temporary-password";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ApiClientError } from "@/lib/api/client";
import { ROLES } from "@/lib/auth/permissions";
import { ROLE_NAME } from "@/lib/labels";
import type { StaffCreated } from "@/lib/staff/staff-schemas";

type FieldErrors = Partial<Record<"name" | "email" | "role", string>>;

export function AddStaffDialog(): React.JSX.Element {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [created, setCreated] = useState<StaffCreated | null>(null);

  function onOpenChange(next: boolean): void {
    setOpen(next);
    if (next) return;
    // The temporary password leaves the screen (and memory) when the dialog closes.
    if (created) router.refresh();
    setCreated(null);
    setError(null);
    setFields({});
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setFields({});
    try {
      const role = ROLES.find((r) => r === form.get("role")) ?? "nurse";
      setCreated(
        await addStaffMember({
          name: String(form.get("name") ?? ""),
          email: String(form.get("email") ?? ""),
          role,
        }),
      );
    } catch (e) {
      setError(problemMessage(e, "The account could not be created."));
      if (e instanceof ApiClientError) {
        setFields({
          name: e.fieldMessage("name"),
          email: e.fieldMessage("email"),
          role: e.fieldMessage("role"),
        });
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" />
          Add staff member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{created ? "Account created" : "Add staff member"}</DialogTitle>
          <DialogDescription>
            {created
              ? `${created.name} can sign in with ${created.email} and this password.`
              : "Kapstone makes a temporary password, to be changed at first sign-in."}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <>
            <TemporaryPassword name={created.name} password={created.temporaryPassword} />
            <DialogFooter>
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" aria-label="New staff account">
            <Field id="staff-name" label="Name" error={fields.name}>
              <Input
                id="staff-name"
                name="name"
                required
                maxLength={120}
                autoComplete="off"
                aria-invalid={fields.name ? true : undefined}
                aria-describedby={fields.name ? "staff-name-error" : undefined}
              />
            </Field>
            <Field id="staff-email" label="Email" error={fields.email}>
              <Input
                id="staff-email"
                name="email"
                type="email"
                required
                maxLength={254}
                autoComplete="off"
                aria-invalid={fields.email ? true : undefined}
                aria-describedby={fields.email ? "staff-email-error" : undefined}
              />
            </Field>
            <Field id="staff-role" label="Role" error={fields.role}>
              <NativeSelect id="staff-role" name="role" defaultValue="nurse">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_NAME[role]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            {error ? (
              <p role="alert" className="text-sm font-medium text-destructive">
                {error}
              </p>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={pending}>
                Create account
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
