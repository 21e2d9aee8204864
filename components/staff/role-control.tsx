"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { changeStaffMember, problemMessage } from "@/components/staff/staff-api";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { Role } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import { ROLE_NAME } from "@/lib/labels";

/**
 * The role of one staff member. Choosing another role only arms a "Save role" button, so
 * arrowing through the list with the keyboard never changes anyone's access by accident.
 */
export function RoleControl({
  member,
}: {
  member: { id: string; name: string; role: Role };
}): React.JSX.Element {
  const router = useRouter();
  const [role, setRole] = useState<Role>(member.role);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = `role-${member.id}`;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await changeStaffMember(member.id, { role });
      toast.success(`${member.name} is now ${ROLE_NAME[role].toLowerCase()}.`);
      router.refresh();
    } catch (e) {
      setError(problemMessage(e, "The role could not be changed."));
      setRole(member.role);
    } finally {
      setPending(false);
    }
  }

  return (
    // A fixed width: the Save button goes below the list instead of widening the table.
    <form onSubmit={onSubmit} className="grid w-36 gap-1.5">
      <Label htmlFor={selectId} className="sr-only">
        Role of {member.name}
      </Label>
      <NativeSelect
        id={selectId}
        value={role}
        onChange={(event) => setRole(ROLES.find((r) => r === event.target.value) ?? member.role)}
        className="h-9"
        aria-describedby={error ? `${selectId}-error` : undefined}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_NAME[r]}
          </option>
        ))}
      </NativeSelect>
      {role !== member.role ? (
        <Button type="submit" size="sm" disabled={pending} className="w-fit">
          Save role<span className="sr-only"> of {member.name}</span>
        </Button>
      ) : null}
      {error ? (
        <p id={`${selectId}-error`} role="alert" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
