"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { DEFAULT_START_MINUTE } from "@/components/schedule/booking-defaults";
import {
  ScheduleContext,
  type BookingSlot,
  type ScheduleActions,
  type ScheduleSettings,
} from "@/components/schedule/schedule-context";
import type { AgendaRow } from "@/lib/sessions/agenda";

// The dialogs (forms, pickers, conflict checks and the Radix dialog underneath) load when one is
// first opened, not with the calendar.
const BookSessionDialog = dynamic(() =>
  import("@/components/schedule/schedule-dialogs").then((m) => m.BookSessionDialog),
);
const BookSeriesDialog = dynamic(() =>
  import("@/components/schedule/schedule-dialogs").then((m) => m.BookSeriesDialog),
);
const SessionDialog = dynamic(() =>
  import("@/components/schedule/schedule-dialogs").then((m) => m.SessionDialog),
);

type OpenDialog =
  | { kind: "book"; slot: BookingSlot }
  | { kind: "session"; row: AgendaRow }
  | { kind: "series" }
  | null;

/** Holds the calendar's one open dialog, so a slot or a block anywhere on the page can open it. */
export function ScheduleProvider({
  settings,
  children,
}: {
  settings: ScheduleSettings;
  children: React.ReactNode;
}): React.JSX.Element {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const actions = useMemo<ScheduleActions>(
    () => ({
      settings,
      bookSession: (slot) =>
        setDialog({
          kind: "book",
          slot: slot ?? {
            date: settings.defaultDate,
            minute: DEFAULT_START_MINUTE,
            roomName: null,
            staff: null,
          },
        }),
      openSession: (row) => setDialog({ kind: "session", row }),
      bookSeries: () => setDialog({ kind: "series" }),
    }),
    [settings],
  );
  const close = (): void => setDialog(null);
  return (
    <ScheduleContext.Provider value={actions}>
      {children}
      {dialog?.kind === "book" && settings.canManage ? (
        <BookSessionDialog slot={dialog.slot} onClose={close} />
      ) : null}
      {dialog?.kind === "session" ? <SessionDialog row={dialog.row} onClose={close} /> : null}
      {dialog?.kind === "series" && settings.canManage ? (
        <BookSeriesDialog onClose={close} />
      ) : null}
    </ScheduleContext.Provider>
  );
}
