"use client";

import { CalendarPlus, CalendarRange } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useSchedule } from "@/components/schedule/schedule-context";

/** The header's booking buttons: the way to book without pointing at a slot. */
export function ScheduleActionButtons(): React.JSX.Element | null {
  const { settings, bookSession, bookSeries } = useSchedule();
  if (!settings.canManage) return null;
  return (
    <>
      <Button variant="outline" onClick={bookSeries}>
        <CalendarRange aria-hidden="true" />
        Book a series
      </Button>
      <Button onClick={() => bookSession()}>
        <CalendarPlus aria-hidden="true" />
        Book session
      </Button>
    </>
  );
}
