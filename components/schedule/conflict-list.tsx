"use client";

import {
  Ban,
  Clock,
  DoorClosed,
  Hourglass,
  ShieldAlert,
  Stethoscope,
  TriangleAlert,
  UserRound,
  Users,
  type LucideIcon,
} from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { Conflict } from "@/components/schedule/schedule-api";

/** The API asks for a reason of at least this many characters (override and cancel). */
export const MIN_REASON_LENGTH = 3;

/** The conflicts of CLINICAL.md "Scheduling defaults", named the way the front desk says them. */
const CONFLICT_TITLE: Readonly<Record<string, { title: string; icon: LucideIcon }>> = {
  "room-overlap": { title: "Room already booked", icon: DoorClosed },
  "patient-overlap": { title: "Patient already booked", icon: UserRound },
  "psychiatrist-overlap": { title: "Psychiatrist busy", icon: Stethoscope },
  "nurse-ratio": { title: "Nurse at the limit of 3 dosing sessions", icon: Users },
  "dosing-interval": { title: "Less than 24 h after another dose", icon: Hourglass },
  "prescriber-required": { title: "Esketamine needs a psychiatrist", icon: ShieldAlert },
  "outside-hours": { title: "Outside clinic hours", icon: Clock },
};

function describe(code: string): { title: string; icon: LucideIcon } {
  return CONFLICT_TITLE[code] ?? { title: "Scheduling conflict", icon: TriangleAlert };
}

export function ConflictItems({ conflicts }: { conflicts: Conflict[] }): React.JSX.Element {
  return (
    <ul className="space-y-2">
      {conflicts.map((c, i) => {
        const { title, icon: Icon } = describe(c.code);
        return (
          <li key={`${c.code}-${i}`} className="flex gap-2 text-sm">
            <Icon
              aria-hidden="true"
              className={
                c.overridable ? "mt-0.5 size-4 text-warning" : "mt-0.5 size-4 text-destructive"
              }
            />
            <div>
              <p className="font-medium">
                {title}
                {c.overridable ? null : (
                  <span className="ml-2 text-xs font-normal text-destructive">
                    cannot be overridden
                  </span>
                )}
              </p>
              <p className="text-muted-foreground">{c.message}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A refused booking: every conflict in words, then either "Book anyway" with a reason (all
 * overridable) or why it cannot go ahead as it is.
 */
export function ConflictPanel({
  idPrefix,
  conflicts,
  pending,
  actionLabel,
  onOverride,
}: {
  idPrefix: string;
  conflicts: Conflict[];
  pending: boolean;
  actionLabel: string;
  onOverride: (reason: string) => void;
}): React.JSX.Element {
  const [reason, setReason] = useState("");
  const blocking = conflicts.filter((c) => !c.overridable);
  return (
    <section
      aria-labelledby={`${idPrefix}-conflicts`}
      className="space-y-3 rounded-md border border-warning/60 bg-warning/5 p-3"
    >
      <h3
        id={`${idPrefix}-conflicts`}
        role="alert"
        className="flex items-center gap-2 font-semibold"
      >
        <TriangleAlert aria-hidden="true" className="size-4 text-warning" />
        {conflicts.length === 1 ? "1 conflict" : `${conflicts.length} conflicts`} with this time
      </h3>
      <ConflictItems conflicts={conflicts} />
      {blocking.length > 0 ? (
        <p className="flex gap-2 text-sm font-medium text-destructive">
          <Ban aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {blocking.some((c) => c.code === "prescriber-required")
            ? "This cannot be overridden: the esketamine REMS requires a prescriber on site. Choose a psychiatrist, then book again."
            : "This cannot be overridden. Change the details above, then book again."}
        </p>
      ) : (
        // Not a form of its own: the panel sits inside the booking form.
        <div className="space-y-2">
          <Label htmlFor={`${idPrefix}-override`}>Reason for booking anyway</Label>
          <textarea
            id={`${idPrefix}-override`}
            required
            minLength={MIN_REASON_LENGTH}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="For example: patient can only come at this time; Dr. Okafor agreed"
            className="w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs md:text-sm"
          />
          <Button
            variant="outline"
            disabled={pending || reason.trim().length < MIN_REASON_LENGTH}
            onClick={() => onOverride(reason.trim())}
          >
            {actionLabel}
          </Button>
        </div>
      )}
    </section>
  );
}
