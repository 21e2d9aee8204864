import { CalendarDays } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { SessionStatusBadge } from "@/components/sessions/status-badge";
import { Card, CardContent } from "@/components/ui/card";
import { formatLongDate, formatTime } from "@/lib/format";
import { SESSION_KIND_LABEL } from "@/lib/labels";
import { paths } from "@/lib/paths";
import type { SessionView } from "@/lib/sessions/session-detail";

/** What an admin sees of a session: the appointment, never the clinical record. */
export function SessionScheduleCard({
  session,
  timeZone,
}: {
  session: SessionView["detail"];
  timeZone: string;
}): React.JSX.Element {
  const start = new Date(session.scheduledStart);
  return (
    <>
      <PageHeader
        title={`${SESSION_KIND_LABEL[session.kind]} session — ${session.patient.name}`}
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href={paths.schedule()}>
              <CalendarDays aria-hidden="true" />
              Back to the schedule
            </Link>
          </Button>
        }
      />
      <Card className="max-w-xl">
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-3 text-sm wrap-anywhere">
            <dt className="text-muted-foreground">Patient</dt>
            <dd>
              {session.patient.name}{" "}
              <span className="font-mono text-xs">{session.patient.mrn}</span>
            </dd>
            <dt className="text-muted-foreground">When</dt>
            <dd>
              {formatLongDate(start, timeZone)}, {formatTime(start, timeZone)}–
              {formatTime(new Date(session.scheduledEnd), timeZone)}
            </dd>
            <dt className="text-muted-foreground">Room</dt>
            <dd>{session.roomName ?? "—"}</dd>
            <dt className="text-muted-foreground">Staff</dt>
            <dd>
              {session.psychiatrist?.name ?? "No psychiatrist"} ·{" "}
              {session.nurse ? `RN ${session.nurse.name}` : "no nurse"}
            </dd>
            <dt className="text-muted-foreground">Status</dt>
            <dd>
              <SessionStatusBadge status={session.status} />
            </dd>
          </dl>
        </CardContent>
      </Card>
    </>
  );
}
