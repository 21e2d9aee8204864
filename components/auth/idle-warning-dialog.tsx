"use client";

import { Clock } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** The "Still there?" warning of <IdleGuard>, two minutes before an idle sign-out. */
export function IdleWarningDialog({
  open,
  clock,
  onStay,
  onSignOut,
}: {
  open: boolean;
  /** Time left, "m:ss". */
  clock: string;
  onStay: () => void;
  onSignOut: () => void;
}): React.JSX.Element {
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onStay())}>
      <DialogContent role="alertdialog" aria-live="assertive">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Clock className="size-5" aria-hidden="true" />
            Still there?
          </DialogTitle>
          <DialogDescription>
            To keep patient information private, Kapstone signs you out after 15 minutes without
            activity. You will be signed out in <span className="tabular font-medium">{clock}</span>
            .
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="outline" onClick={onSignOut}>
            Sign out now
          </Button>
          <Button onClick={onStay} autoFocus>
            Stay signed in
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
