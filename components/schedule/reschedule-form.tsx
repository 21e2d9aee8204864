"use client";

import { CalendarClock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { clinicWallClock } from "@/components/schedule/clinic-time";
import {
  acceptedSchema,
  problemMessage,
  scheduleRequest,
  ScheduleConflictError,
  type Conflict,
} from "@/components/schedule/schedule-api";
import { useSchedule } from "@/components/schedule/schedule-context";
import { SlotFields } from "@/components/schedule/slot-fields";
import {
  readWhen,
  whenFrom,
  type PlaceValue,
  type WhenValue,
} from "@/components/schedule/session-fields";
import { useBookingOptions } from "@/components/schedule/use-booking-options";
import type { AgendaRow } from "@/lib/sessions/agenda";

/** Move a session: new time, room or staff. The server re-checks every conflict. */
export function RescheduleForm({
  row,
  onDone,
  onBack,
}: {
  row: AgendaRow;
  onDone: () => void;
  onBack: () => void;
}): React.JSX.Element {
  const router = useRouter();
  const { settings } = useSchedule();
  const options = useBookingOptions();
  const [when, setWhen] = useState<WhenValue>(() => {
    const { date, minute } = clinicWallClock(row.scheduledStart, settings.timeZone);
    const length = Math.round((row.scheduledEnd.getTime() - row.scheduledStart.getTime()) / 60_000);
    return whenFrom(date, minute, length);
  });
  const [place, setPlace] = useState<PlaceValue>({
    roomId: "",
    psychiatristId: row.psychiatristId ?? "",
    nurseId: row.nurseId ?? "",
  });
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const roomId = place.roomId || options.rooms.find((r) => r.name === row.roomName)?.id || "";
  const esketamine = row.kind === "dosing" && row.protocol === "intranasal_esketamine";

  function edited(): void {
    setConflicts(null);
    setProblem(null);
  }

  async function reschedule(overrideReason?: string): Promise<void> {
    const times = readWhen(when, settings.timeZone);
    if ("problem" in times) return setProblem(times.problem);
    if (!roomId) return setProblem("Choose a room.");
    setPending(true);
    setProblem(null);
    try {
      await scheduleRequest(`/api/v1/sessions/${row.id}`, acceptedSchema, {
        method: "PATCH",
        body: {
          roomId,
          start: times.start.toISOString(),
          end: times.end.toISOString(),
          // Null takes the psychiatrist or nurse off the session.
          psychiatristId: place.psychiatristId || null,
          nurseId: place.nurseId || null,
          ...(overrideReason ? { override: { reason: overrideReason } } : {}),
        },
      });
      toast.success(`Session for ${row.patientName} rescheduled`);
      onDone();
      router.refresh();
    } catch (error) {
      if (error instanceof ScheduleConflictError) setConflicts(error.conflicts);
      else setProblem(problemMessage(error, "The session could not be moved. Try again."));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      aria-label="Reschedule"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void reschedule();
      }}
    >
      <SlotFields
        idPrefix="move"
        when={when}
        place={{ ...place, roomId }}
        options={options}
        prescriberRequired={esketamine}
        onWhenChange={(next) => {
          setWhen(next);
          edited();
        }}
        onPlaceChange={(next) => {
          setPlace(next);
          edited();
        }}
        problem={problem}
        conflicts={conflicts}
        pending={pending}
        actionLabel="Reschedule anyway"
        onOverride={(reason) => void reschedule(reason)}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="outline" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button type="submit" disabled={pending}>
          <CalendarClock aria-hidden="true" />
          {pending ? "Saving…" : "Save new time"}
        </Button>
      </div>
    </form>
  );
}
