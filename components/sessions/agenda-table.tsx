import Link from "next/link";
import { AlertLevelBadge } from "@/components/sessions/alert-level-badge";
import { SessionStatusBadge } from "@/components/sessions/status-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { PROTOCOL_LABEL, PROTOCOL_SESSION_NOUN, SESSION_KIND_LABEL } from "@/lib/labels";
import type { AgendaRow } from "@/lib/sessions/agenda";
import { cn } from "@/lib/utils";

export function sessionTitle(row: AgendaRow): string {
  if (row.kind === "dosing" && row.protocol) {
    const noun = PROTOCOL_SESSION_NOUN[row.protocol];
    return row.numberInCourse && row.plannedSessions
      ? `${noun} ${row.numberInCourse} of ${row.plannedSessions}`
      : noun;
  }
  return SESSION_KIND_LABEL[row.kind];
}

export function AgendaTable({
  rows,
  timeZone,
  showAlerts,
  caption,
}: {
  rows: AgendaRow[];
  timeZone: string;
  showAlerts: boolean;
  caption: string;
}): React.JSX.Element {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead className="w-28">Time</TableHead>
          <TableHead>Room</TableHead>
          <TableHead>Patient</TableHead>
          <TableHead>Session</TableHead>
          <TableHead className="hidden lg:table-cell">Staff</TableHead>
          <TableHead>{showAlerts ? "Status and alerts" : "Status"}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const cancelled = row.status === "cancelled";
          return (
            <TableRow key={row.id} className={cn(cancelled && "text-muted-foreground")}>
              <TableCell className="tabular whitespace-nowrap">
                <div className={cn("font-medium", cancelled && "line-through")}>
                  {formatTime(row.scheduledStart, timeZone)}
                </div>
                <div className="text-xs text-muted-foreground">
                  to {formatTime(row.scheduledEnd, timeZone)}
                </div>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <div>{row.roomName ?? "—"}</div>
                {row.nurseName ? (
                  <div className="text-xs text-muted-foreground lg:hidden">RN {row.nurseName}</div>
                ) : null}
              </TableCell>
              <TableCell>
                <Link
                  href={paths.session(row.id)}
                  className={cn(
                    "font-medium underline-offset-4 hover:underline focus-visible:underline",
                    cancelled && "line-through",
                  )}
                >
                  {row.patientName}
                </Link>
                <div className="font-mono text-xs text-muted-foreground">{row.mrn}</div>
              </TableCell>
              <TableCell>
                <div>{sessionTitle(row)}</div>
                {row.kind === "dosing" && row.protocol ? (
                  <div className="text-xs text-muted-foreground">
                    {PROTOCOL_LABEL[row.protocol]}
                  </div>
                ) : null}
              </TableCell>
              <TableCell className="hidden text-sm lg:table-cell">
                <div>{row.nurseName ? `RN ${row.nurseName}` : "—"}</div>
                <div className="text-xs text-muted-foreground">{row.psychiatristName ?? ""}</div>
              </TableCell>
              <TableCell>
                <div className="flex flex-col items-start gap-1">
                  <SessionStatusBadge status={row.status} />
                  {showAlerts && row.openAlertLevel ? (
                    <AlertLevelBadge level={row.openAlertLevel} />
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
