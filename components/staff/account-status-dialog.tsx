"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { changeStaffMember, problemMessage } from "@/components/staff/staff-api";
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

/** Deactivate or reactivate an account, after a confirmation that says what follows. */
export function AccountStatusDialog({
  member,
  isSelf,
}: {
  member: { id: string; name: string; active: boolean };
  isSelf: boolean;
}): React.JSX.Element {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = member.active ? "Deactivate" : "Reactivate";

  async function confirm(): Promise<void> {
    setPending(true);
    setError(null);
    try {
      await changeStaffMember(member.id, { active: !member.active });
      setOpen(false);
      toast.success(`${member.name} ${member.active ? "deactivated" : "reactivated"}.`);
      router.refresh();
    } catch (e) {
      setError(problemMessage(e, `The account could not be ${verb.toLowerCase()}d.`));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          {verb}
          <span className="sr-only"> {member.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {verb} {member.name}?
          </DialogTitle>
          <DialogDescription>
            {member.active
              ? "They are signed out at once and can no longer sign in. Their records and the audit trail stay."
              : "They can sign in again with their current password."}
            {member.active && isSelf ? " This is your own account: you will be signed out." : ""}
          </DialogDescription>
        </DialogHeader>
        {error ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button
            variant={member.active ? "destructive" : "default"}
            disabled={pending}
            onClick={confirm}
          >
            {verb}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
