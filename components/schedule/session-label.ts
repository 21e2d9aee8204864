/** Words for a session on the calendar: what a block says, and all of it for a screen reader. */
import { sessionTitle } from "@/components/sessions/agenda-table";
import { formatTime } from "@/lib/format";
import { PROTOCOL_LABEL, SESSION_KIND_LABEL, SESSION_STATUS_LABEL } from "@/lib/labels";
import type { AgendaRow } from "@/lib/sessions/agenda";

/** "Infusion 3 of 6" for a dosing session, otherwise the kind ("Integration"). */
export const sessionLabel = sessionTitle;

function protocolNote(row: AgendaRow): string {
  return row.protocol ? ` (${PROTOCOL_LABEL[row.protocol]})` : "";
}

/** Everything a block shows, in one sentence (its accessible name and hover title). */
export function describeSession(row: AgendaRow, timeZone: string): string {
  const what =
    row.kind === "dosing"
      ? `${SESSION_KIND_LABEL.dosing}, ${sessionTitle(row)}${protocolNote(row)}`
      : SESSION_KIND_LABEL[row.kind];
  const staff = [row.psychiatristName, row.nurseName ? `RN ${row.nurseName}` : null].filter(
    (s): s is string => s !== null,
  );
  return [
    `${what}: ${row.patientName}`,
    `${formatTime(row.scheduledStart, timeZone)} to ${formatTime(row.scheduledEnd, timeZone)}`,
    row.roomName ?? "no room",
    ...staff,
    SESSION_STATUS_LABEL[row.status],
  ].join(", ");
}
