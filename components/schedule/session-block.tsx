"use client";

import { Activity, Ban, CircleCheck, LogIn, UserX, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { REM_PER_MINUTE, type PlacedSession } from "@/components/schedule/calendar-model";
import { CANCELLED_BLOCK_CLASS, KIND_BLOCK_CLASS } from "@/components/schedule/kind-style";
import { useSchedule } from "@/components/schedule/schedule-context";
import { describeSession, sessionLabel } from "@/components/schedule/session-label";
import type { SessionStatus } from "@/db/schema";
import { formatTime } from "@/lib/format";
import { SESSION_KIND_LABEL, SESSION_STATUS_LABEL } from "@/lib/labels";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/utils";

/** Blocks this short show three tight lines and leave the rest to the accessible name. */
const COMPACT_MINUTES = 45;

const STATUS_ICON: Readonly<Record<SessionStatus, LucideIcon | null>> = {
  scheduled: null,
  checked_in: LogIn,
  in_progress: Activity,
  completed: CircleCheck,
  cancelled: Ban,
  no_show: UserX,
};

/** One session on the grid, labelled in words (kind, patient, session, status), never by colour alone. */
export function SessionBlock({
  placed,
  extra,
}: {
  placed: PlacedSession;
  /** The other dimension: the staff in a room column, the room in a staff column. */
  extra: string | null;
}): React.JSX.Element {
  const { settings, openSession } = useSchedule();
  const { row, top, height, lane, lanes } = placed;
  const cancelled = row.status === "cancelled";
  const StatusIcon = STATUS_ICON[row.status];
  const label = describeSession(row, settings.timeZone);
  // A half-hour block has room for three lines: kind, patient, status.
  const compact = height <= COMPACT_MINUTES;
  const className = cn(
    "absolute flex flex-col overflow-hidden rounded-md border border-l-4 px-1.5 text-left text-xs text-foreground shadow-xs outline-none hover:z-20 hover:shadow-md focus-visible:z-20 focus-visible:ring-2 focus-visible:ring-ring",
    compact ? "py-0.5 leading-[0.875rem]" : "py-1 leading-4",
    KIND_BLOCK_CLASS[row.kind],
    cancelled && CANCELLED_BLOCK_CLASS,
    row.status === "no_show" && "border-dashed [border-left-style:solid]",
  );
  const style: React.CSSProperties = {
    top: `${top * REM_PER_MINUTE}rem`,
    height: `calc(${height * REM_PER_MINUTE}rem - 2px)`,
    left: `calc(${(lane / lanes) * 100}% + 2px)`,
    width: `calc(${100 / lanes}% - 4px)`,
  };
  const content = (
    <>
      <span
        className={cn(
          "flex shrink-0 items-baseline gap-x-1",
          compact ? "overflow-hidden whitespace-nowrap" : "flex-wrap",
          cancelled && "line-through",
        )}
      >
        <span className="font-semibold">{SESSION_KIND_LABEL[row.kind]}</span>
        {compact ? null : (
          <span className="tabular text-muted-foreground">
            {formatTime(row.scheduledStart, settings.timeZone)}
          </span>
        )}
      </span>
      <span
        className={cn(
          "shrink-0 font-medium break-words",
          compact ? "truncate" : "line-clamp-2",
          cancelled && "line-through",
        )}
      >
        {row.patientName}
      </span>
      {row.kind === "dosing" && !compact ? (
        <span className="line-clamp-2 shrink-0">{sessionLabel(row)}</span>
      ) : null}
      <span
        className={cn(
          "flex shrink-0 items-center gap-1 overflow-hidden whitespace-nowrap",
          row.status === "scheduled" ? "text-muted-foreground" : "font-medium",
        )}
      >
        {StatusIcon ? <StatusIcon aria-hidden="true" className="size-3 shrink-0" /> : null}
        {SESSION_STATUS_LABEL[row.status]}
      </span>
      {extra && !compact ? (
        <span className="shrink-0 truncate text-muted-foreground">{extra}</span>
      ) : null}
    </>
  );

  if (settings.canManage) {
    return (
      <button
        type="button"
        className={className}
        style={style}
        aria-label={label}
        title={label}
        onClick={() => openSession(row)}
      >
        {content}
      </button>
    );
  }
  if (settings.showSessionLink) {
    return (
      <Link
        href={paths.session(row.id)}
        className={className}
        style={style}
        aria-label={label}
        title={label}
      >
        {content}
      </Link>
    );
  }
  return (
    <div className={className} style={style} role="group" aria-label={label} title={label}>
      {content}
    </div>
  );
}
