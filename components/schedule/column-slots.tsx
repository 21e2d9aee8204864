"use client";

import { Plus } from "lucide-react";
import { SLOT_MINUTES } from "@/components/schedule/booking-defaults";
import {
  firstUncoveredRow,
  SLOT_HEIGHT_REM,
  type CalendarColumn,
  type PlacedSession,
} from "@/components/schedule/calendar-model";
import { formatMinuteOfDay } from "@/components/schedule/clinic-time";
import { useSchedule } from "@/components/schedule/schedule-context";
import { cn } from "@/lib/utils";

/**
 * The half-hour cells of one column. For admins each cell is a button that books there; the
 * grid moves focus between cells with the arrow keys (see GridScroller), so the whole grid is
 * a single stop for Tab.
 */
export function ColumnSlots({
  dayKey,
  dayLabel,
  column,
  columnIndex,
  startMinute,
  endMinute,
  sessions,
}: {
  dayKey: string;
  dayLabel: string;
  column: CalendarColumn;
  columnIndex: number;
  startMinute: number;
  endMinute: number;
  /** The column's session blocks, drawn over the cells. */
  sessions: readonly PlacedSession[];
}): React.JSX.Element {
  const { settings, bookSession } = useSchedule();
  const minutes = Array.from(
    { length: Math.ceil((endMinute - startMinute) / SLOT_MINUTES) },
    (_, i) => startMinute + i * SLOT_MINUTES,
  );
  // Tab enters the grid at the first cell of the first column that no session block covers.
  const entryRow =
    columnIndex === 0 ? firstUncoveredRow(sessions, minutes.length, SLOT_MINUTES) : -1;
  return (
    <div className="flex flex-col" aria-hidden={settings.canManage ? undefined : true}>
      {minutes.map((minute, row) => {
        const onHour = (minute + SLOT_MINUTES) % 60 === 0;
        const cellClass = cn(
          "shrink-0 border-b",
          onHour ? "border-border" : "border-dashed border-border/70",
        );
        const style = { height: `${SLOT_HEIGHT_REM}rem` };
        if (!settings.canManage) return <div key={minute} className={cellClass} style={style} />;
        const time = formatMinuteOfDay(minute);
        return (
          <button
            key={minute}
            type="button"
            data-slot-cell=""
            data-col={columnIndex}
            data-row={row}
            tabIndex={row === entryRow ? 0 : -1}
            aria-label={`Book ${column.label}, ${dayLabel} at ${time}`}
            className={cn(
              cellClass,
              "group flex items-start px-1.5 pt-1 text-left text-xs text-muted-foreground outline-none hover:bg-accent/70 focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
            )}
            style={style}
            onClick={() =>
              bookSession({ date: dayKey, minute, roomName: column.roomName, staff: column.staff })
            }
          >
            <span className="hidden items-center gap-0.5 group-hover:flex group-focus-visible:flex">
              <Plus aria-hidden="true" className="size-3" />
              {time}
            </span>
          </button>
        );
      })}
    </div>
  );
}
