"use client";

import { Button } from "@/components/ui/button";
import { useSchedule } from "@/components/schedule/schedule-context";
import { formatTime } from "@/lib/format";
import type { AgendaRow } from "@/lib/sessions/agenda";

/** The list view's way into the session dialog (reschedule, cancel, no-show). */
export function OpenSessionButton({ row }: { row: AgendaRow }): React.JSX.Element {
  const { settings, openSession } = useSchedule();
  return (
    <Button size="sm" variant="outline" onClick={() => openSession(row)}>
      Manage
      <span className="sr-only">
        {" "}
        {row.patientName} at {formatTime(row.scheduledStart, settings.timeZone)}
      </span>
    </Button>
  );
}
