import Link from "next/link";
import { AlertLevelBadge } from "@/components/sessions/alert-level-badge";
import { SessionStatusBadge } from "@/components/sessions/status-badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { clinicWallClock, formatDateKey } from "@/components/schedule/clinic-time";
import { KIND_SWATCH_CLASS } from "@/components/schedule/kind-style";
import { OpenSessionButton } from "@/components/schedule/open-session-button";
import { sessionLabel } from "@/components/schedule/session-label";
import { formatTime } from "@/lib/format";
import { PROTOCOL_LABEL, SESSION_KIND_LABEL } from "@/lib/labels";
import { paths } from "@/lib/paths";
import type { AgendaRow } from "@/lib/sessions/agenda";
import { cn } from "@/lib/utils";

function DayTable({
  rows,
  caption,
  timeZone,
  canManage,
  clinical,
}: {
  rows: AgendaRow[];
  caption: string;
  timeZone: string;
  canManage: boolean;
  clinical: boolean;
}): React.JSX.Element {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead className="w-28">Time</TableHead>
          <TableHead>Patient</TableHead>
          <TableHead>Session</TableHead>
          <TableHead>Room and staff</TableHead>
          <TableHead>{clinical ? "Status and alerts" : "Status"}</TableHead>
          {canManage ? <TableHead className="text-right">Actions</TableHead> : null}
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
              <TableCell>
                {clinical ? (
                  <Link
                    href={paths.session(row.id)}
                    className={cn(
                      "font-medium underline-offset-4 hover:underline",
                      cancelled && "line-through",
                    )}
                  >
                    {row.patientName}
                  </Link>
                ) : (
                  <span className={cn("font-medium", cancelled && "line-through")}>
                    {row.patientName}
                  </span>
                )}
                <div className="font-mono text-xs text-muted-foreground">{row.mrn}</div>
              </TableCell>
              <TableCell className="min-w-36 whitespace-normal">
                <div className="flex items-center gap-1.5">
                  <span
                    aria-hidden="true"
                    className={cn("size-2.5 shrink-0 rounded-sm", KIND_SWATCH_CLASS[row.kind])}
                  />
                  {SESSION_KIND_LABEL[row.kind]}
                </div>
                {row.kind === "dosing" ? (
                  <div className="text-xs text-muted-foreground">
                    {sessionLabel(row)}
                    {row.protocol ? ` · ${PROTOCOL_LABEL[row.protocol]}` : ""}
                  </div>
                ) : null}
              </TableCell>
              <TableCell className="text-sm whitespace-normal">
                <div className="whitespace-nowrap">{row.roomName ?? "No room"}</div>
                {row.psychiatristName ? (
                  <div className="text-xs text-muted-foreground">{row.psychiatristName}</div>
                ) : null}
                {row.nurseName ? (
                  <div className="text-xs text-muted-foreground">RN {row.nurseName}</div>
                ) : null}
              </TableCell>
              <TableCell>
                <div className="flex flex-col items-start gap-1">
                  <SessionStatusBadge status={row.status} />
                  {clinical && row.openAlertLevel ? (
                    <AlertLevelBadge level={row.openAlertLevel} />
                  ) : null}
                </div>
              </TableCell>
              {canManage ? (
                <TableCell className="text-right">
                  <OpenSessionButton row={row} />
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The range as tables, day by day: the keyboard- and tablet-friendly view of the calendar. */
export function ScheduleList({
  rows,
  timeZone,
  canManage,
  clinical,
  emptyText,
}: {
  rows: AgendaRow[];
  timeZone: string;
  canManage: boolean;
  clinical: boolean;
  emptyText: string;
}): React.JSX.Element {
  const byDay = new Map<string, AgendaRow[]>();
  for (const row of rows) {
    const key = clinicWallClock(row.scheduledStart, timeZone).date;
    byDay.set(key, [...(byDay.get(key) ?? []), row]);
  }
  if (byDay.size === 0) {
    return (
      <Card>
        <p className="px-6 py-6 text-center text-sm text-muted-foreground">{emptyText}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {[...byDay.entries()].map(([day, dayRows]) => {
        const title = formatDateKey(day, "long");
        const booked = dayRows.filter((r) => r.status !== "cancelled").length;
        return (
          <section key={day} aria-labelledby={`day-${day}`}>
            <Card className="gap-0 py-0">
              <CardHeader className="border-b py-3 [.border-b]:pb-3">
                <CardTitle>
                  <h3 id={`day-${day}`} className="text-base">
                    {title}
                    <span className="ml-2 text-sm font-normal text-muted-foreground">
                      {booked} booked
                      {dayRows.length > booked ? ` · ${dayRows.length - booked} cancelled` : ""}
                    </span>
                  </h3>
                </CardTitle>
              </CardHeader>
              <DayTable
                rows={dayRows}
                caption={`Sessions on ${title}`}
                timeZone={timeZone}
                canManage={canManage}
                clinical={clinical}
              />
            </Card>
          </section>
        );
      })}
    </div>
  );
}
