"use client";

// A client component on purpose: the patient page hands it data, so the page's RSC payload
// carries compact records instead of the table's element tree; the HTML is still rendered on
// the server.
import { OctagonAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { SessionStatusBadge } from "@/components/sessions/status-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { PROTOCOL_SESSION_NOUN, SESSION_KIND_LABEL } from "@/lib/labels";
import type { TimelineEntry } from "@/lib/patients/patient-record";
import { paths } from "@/lib/paths";

function title(entry: TimelineEntry): string {
  if (entry.kind === "dosing" && entry.protocol) {
    return `${PROTOCOL_SESSION_NOUN[entry.protocol]} ${entry.numberInCourse ?? ""}`.trim();
  }
  return SESSION_KIND_LABEL[entry.kind];
}

/** Every session of the course, each opening its own vitals chart. */
export function CourseTimeline({
  entries,
  timeZone,
}: {
  entries: TimelineEntry[];
  timeZone: string;
}): React.JSX.Element {
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">No sessions yet.</p>;
  return (
    <Table>
      <caption className="sr-only">Course timeline</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Session</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Dose</TableHead>
          <TableHead>BP rise</TableHead>
          <TableHead>Alert</TableHead>
          <TableHead>CADSS</TableHead>
          <TableHead>MOAA/S</TableHead>
          <TableHead>Adverse events</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.sessionId}>
            <TableCell className="tabular whitespace-nowrap">
              {formatDate(e.scheduledStart, timeZone)}
            </TableCell>
            <TableCell>
              <Link
                href={paths.session(e.sessionId)}
                className="font-medium underline-offset-4 hover:underline"
              >
                {title(e)}
              </Link>
            </TableCell>
            <TableCell>
              <SessionStatusBadge status={e.status} />
            </TableCell>
            <TableCell className="tabular whitespace-nowrap">
              {e.dose ? (
                <>
                  {(e.dose.route === "iv" || e.dose.route === "im") && e.dose.doseMgPerKg !== null
                    ? `${Number(e.dose.doseMgPerKg.toFixed(2))} mg/kg`
                    : `${e.dose.doseMg} mg`}
                  {e.dose.deviates ? (
                    <span className="ml-1 text-xs text-warning">(differs from order)</span>
                  ) : null}
                </>
              ) : (
                "—"
              )}
            </TableCell>
            <TableCell className="tabular">
              {e.peakSystolicRise !== null
                ? `${e.peakSystolicRise > 0 ? "+" : ""}${e.peakSystolicRise} mmHg`
                : "—"}
            </TableCell>
            <TableCell>
              {e.highestAlert === "critical" ? (
                <span className="inline-flex items-center gap-1 text-sm font-medium text-critical">
                  <OctagonAlert className="size-4" aria-hidden="true" />
                  Critical
                </span>
              ) : e.highestAlert === "warning" ? (
                <span className="inline-flex items-center gap-1 text-sm text-warning">
                  <TriangleAlert className="size-4" aria-hidden="true" />
                  Warning
                </span>
              ) : (
                "—"
              )}
            </TableCell>
            <TableCell className="tabular">{e.cadssTotal ?? "—"}</TableCell>
            <TableCell className="tabular">{e.lowestMoaas ?? "—"}</TableCell>
            <TableCell className="text-sm">
              {e.adverseEvents.length
                ? e.adverseEvents.map((a) => `${a.type} (${a.severity})`).join(", ")
                : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
