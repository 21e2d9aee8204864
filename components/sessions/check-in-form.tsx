"use client";

import { LogIn, UserX } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { SessionDetail } from "@/lib/api/session-schemas";

function Check({
  id,
  label,
  hint,
  required,
}: {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
}): React.JSX.Element {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={id}
        type="checkbox"
        required={required}
        className="mt-1 size-5 accent-primary"
      />
      <div>
        <Label htmlFor={id} className="text-sm font-medium">
          {label}
        </Label>
        {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      </div>
    </div>
  );
}

export function CheckInForm({ detail }: { detail: SessionDetail }): React.JSX.Element {
  const action = useSessionAction(detail.id);
  const [identityMissing, setIdentityMissing] = useState(false);
  const esketamine = detail.course?.protocol === "intranasal_esketamine";

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!form.get("identity")) {
      setIdentityMissing(true);
      return;
    }
    setIdentityMissing(false);
    await action.run({
      path: "/check-in",
      success: `${detail.patient.name} checked in`,
      body: {
        identityConfirmed: true,
        fastingConfirmed: Boolean(form.get("fasting")),
        rideHomeConfirmed: Boolean(form.get("ride")),
        changesSinceLastVisit: String(form.get("changes") ?? "").trim() || null,
      },
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Check in" className="space-y-4">
      <h2 className="text-lg font-semibold">Check in</h2>
      <div className="grid gap-3 md:grid-cols-3">
        <Check
          id="identity"
          label="Identity confirmed"
          hint="Name and date of birth checked against the wristband or ID"
        />
        <Check
          id="fasting"
          label="Fasting confirmed"
          hint={
            esketamine
              ? "Esketamine: no food for 2 h and no liquids for 30 min"
              : "Per the clinic's fasting instructions"
          }
        />
        <Check
          id="ride"
          label="Ride home arranged"
          hint="A responsible adult drives; no driving until tomorrow"
        />
      </div>
      {identityMissing ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          Confirm the patient&apos;s identity before check-in.
        </p>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor="changes">Changes since last visit (medications, screening answers)</Label>
        <textarea
          id="changes"
          name="changes"
          rows={2}
          maxLength={2000}
          className="rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs md:text-sm"
          placeholder="None"
        />
      </div>
      <ActionError error={action.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={action.pending}>
          <LogIn aria-hidden="true" />
          Check in
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={action.pending}
          onClick={() => void action.run({ path: "/no-show", success: "Marked as no-show" })}
        >
          <UserX aria-hidden="true" />
          Mark no-show
        </Button>
      </div>
    </form>
  );
}
