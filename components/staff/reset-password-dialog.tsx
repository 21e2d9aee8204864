"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { problemMessage, resetPassword } from "@/components/staff/staff-api";
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

/** Replaces a forgotten password with a temporary one, shown once in the dialog. */
export function ResetPasswordDialog({
  member,
}: {
  member: { id: string; name: string };
}): React.JSX.Element {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  function onOpenChange(next: boolean): void {
    setOpen(next);
    if (next) return;
    if (password) router.refresh();
    setPassword(null);
    setError(null);
  }

  async function confirm(): Promise<void> {
    setPending(true);
    setError(null);
    try {
      setPassword((await resetPassword(member.id)).temporaryPassword);
    } catch (e) {
      setError(problemMessage(e, "The password could not be reset."));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Reset password<span className="sr-only"> of {member.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {password ? "Password reset" : `Reset the password of ${member.name}?`}
          </DialogTitle>
          <DialogDescription>
            {password
              ? "The old password no longer works."
              : "Their current password stops working. Kapstone makes a temporary one, to be changed at the next sign-in, and lifts any sign-in lockout."}
          </DialogDescription>
        </DialogHeader>
        {password ? <TemporaryPassword name={member.name} password={password} /> : null}
        {error ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          {password ? (
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          ) : (
            <>
              <DialogClose asChild>
                <Button variant="outline">Cancel</Button>
              </DialogClose>
              <Button disabled={pending} onClick={confirm}>
                Reset password
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
