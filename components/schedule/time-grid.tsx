import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import {
  REM_PER_MINUTE,
  type CalendarDay,
  type CalendarDayColumn,
  type CalendarModel,
  type ColumnsBy,
} from "@/components/schedule/calendar-model";
import { formatDateKey, formatMinuteOfDay } from "@/components/schedule/clinic-time";
import { ColumnSlots } from "@/components/schedule/column-slots";
import { GridScroller } from "@/components/schedule/grid-scroller";
import { SessionBlock } from "@/components/schedule/session-block";
import type { AgendaRow } from "@/lib/sessions/agenda";
import { cn } from "@/lib/utils";

/** Narrowest a column may get before the grid scrolls sideways, and the width each lane adds. */
const WIDTH_REM = {
  week: { base: 7, lane: 6 },
  day: { base: 12, lane: 9 },
} as const;
const TIME_COLUMN = "4rem";
const DAY_HEADER = "h-11";
const COLUMN_HEADER = "h-14";

function otherDimension(row: AgendaRow, by: ColumnsBy): string | null {
  if (by === "staff") return row.roomName;
  const staff = [row.psychiatristName, row.nurseName ? `RN ${row.nurseName}` : null];
  return staff.filter((s): s is string => s !== null).join(" · ") || null;
}

function ColumnBody({
  day,
  entry,
  columnIndex,
  firstOfDay,
  model,
  by,
  nowMinute,
}: {
  day: CalendarDay;
  entry: CalendarDayColumn;
  columnIndex: number;
  firstOfDay: boolean;
  model: CalendarModel;
  by: ColumnsBy;
  nowMinute: number | null;
}): React.JSX.Element {
  const showNow =
    day.isToday &&
    nowMinute !== null &&
    nowMinute >= model.startMinute &&
    nowMinute <= model.endMinute;
  return (
    <div
      className={cn(
        "relative border-l",
        firstOfDay && columnIndex > 0 && "border-l-foreground/25",
        day.isToday && "bg-primary/[0.04]",
      )}
      style={{ gridRow: 3, gridColumn: columnIndex + 2 }}
    >
      <ColumnSlots
        dayKey={day.key}
        dayLabel={formatDateKey(day.key)}
        column={entry.column}
        columnIndex={columnIndex}
        startMinute={model.startMinute}
        endMinute={model.endMinute}
        sessions={entry.sessions}
      />
      {entry.sessions.map((placed) => (
        <SessionBlock key={placed.row.id} placed={placed} extra={otherDimension(placed.row, by)} />
      ))}
      {showNow ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-x-0 z-10 border-t-2 border-critical"
          style={{ top: `${(nowMinute - model.startMinute) * REM_PER_MINUTE}rem` }}
        />
      ) : null}
    </div>
  );
}

/**
 * The calendar grid: days across (each split into room or staff columns), time down, in the
 * clinic's time zone. Headers and the time column stay in view while the grid scrolls.
 */
export function TimeGrid({
  model,
  by,
  view,
  label,
  nowMinute,
  dayHref,
}: {
  model: CalendarModel;
  by: ColumnsBy;
  view: "week" | "day";
  label: string;
  nowMinute: number | null;
  dayHref: (dayKey: string) => string;
}): React.JSX.Element {
  const width = WIDTH_REM[view];
  const flat = model.days.flatMap((day) =>
    day.columns.map((entry, i) => ({ day, entry, firstOfDay: i === 0 })),
  );
  const columns = flat
    .map(({ entry }) => `minmax(${Math.max(width.base, entry.lanes * width.lane)}rem, 1fr)`)
    .join(" ");
  const hours = Array.from(
    { length: (model.endMinute - model.startMinute) / 60 },
    (_, i) => model.startMinute + i * 60,
  );
  const showDays = view === "week";
  const firstColumnOfDay = model.days.map(
    (_, d) => 2 + model.days.slice(0, d).reduce((n, day) => n + day.columns.length, 0),
  );

  return (
    <GridScroller label={label}>
      <div className="grid" style={{ gridTemplateColumns: `${TIME_COLUMN} ${columns}` }}>
        <div
          className="sticky top-0 left-0 z-40 border-r border-b bg-card"
          style={{ gridRow: showDays ? "1 / span 2" : 2, gridColumn: 1 }}
        />
        {showDays
          ? model.days.map((day, d) => {
              const start = firstColumnOfDay[d] ?? 2;
              return (
                <div
                  key={day.key}
                  className={cn(
                    "sticky top-0 z-30 flex items-center gap-2 border-b border-l border-l-foreground/25 bg-card px-2",
                    DAY_HEADER,
                    day.isToday && "bg-secondary",
                  )}
                  style={{ gridRow: 1, gridColumn: `${start} / span ${day.columns.length}` }}
                >
                  <Link
                    href={dayHref(day.key)}
                    className="sticky left-[4.5rem] truncate text-sm font-semibold underline-offset-4 hover:underline"
                  >
                    {formatDateKey(day.key)}
                    <span className="sr-only"> — open the day</span>
                  </Link>
                  {day.isToday ? <Badge>Today</Badge> : null}
                </div>
              );
            })
          : null}
        {flat.map(({ day, entry, firstOfDay }, i) => (
          <div
            key={`${day.key}-${entry.column.key}-head`}
            className={cn(
              "sticky z-30 flex flex-col justify-center border-b border-l bg-card px-2 py-1",
              COLUMN_HEADER,
              showDays ? "top-11" : "top-0",
              firstOfDay && i > 0 && "border-l-foreground/25",
              day.isToday && "bg-secondary",
            )}
            style={{ gridRow: 2, gridColumn: i + 2 }}
          >
            <span className="line-clamp-2 text-xs leading-4 font-medium">{entry.column.label}</span>
            {entry.column.detail ? (
              <span className="truncate text-xs text-muted-foreground">{entry.column.detail}</span>
            ) : null}
          </div>
        ))}
        <div
          aria-hidden="true"
          className="sticky left-0 z-20 border-r bg-card"
          style={{ gridRow: 3, gridColumn: 1 }}
        >
          {hours.map((minute) => (
            <div
              key={minute}
              className="absolute right-2 text-xs text-muted-foreground tabular"
              style={{ top: `calc(${(minute - model.startMinute) * REM_PER_MINUTE}rem + 0.25rem)` }}
            >
              {formatMinuteOfDay(minute)}
            </div>
          ))}
        </div>
        {flat.map(({ day, entry, firstOfDay }, i) => (
          <ColumnBody
            key={`${day.key}-${entry.column.key}`}
            day={day}
            entry={entry}
            columnIndex={i}
            firstOfDay={firstOfDay}
            model={model}
            by={by}
            nowMinute={nowMinute}
          />
        ))}
      </div>
    </GridScroller>
  );
}
