import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { clinicHoursMinutes } from "@/components/schedule/booking-defaults";
import { buildCalendar, weekDays } from "@/components/schedule/calendar-model";
import {
  clinicInstant,
  clinicWallClock,
  formatDateKey,
  isoWeekday,
  mondayOf,
  shiftDateKey,
} from "@/components/schedule/clinic-time";
import { KindLegend } from "@/components/schedule/kind-legend";
import { ScheduleActionButtons } from "@/components/schedule/schedule-actions";
import type { StaffOption } from "@/components/schedule/schedule-context";
import { ScheduleList } from "@/components/schedule/schedule-list";
import { ScheduleProvider } from "@/components/schedule/schedule-provider";
import {
  scheduleHref,
  scheduleQuerySchema,
  stepDate,
  visibleDates,
  type ScheduleQuery,
} from "@/components/schedule/schedule-query";
import { ScheduleToolbar } from "@/components/schedule/schedule-toolbar";
import { TimeGrid } from "@/components/schedule/time-grid";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getClinicHours, listRooms } from "@/lib/registry/rooms";
import { firstValues, type SearchParams } from "@/lib/search-params";
import { listAgenda, type AgendaRow } from "@/lib/sessions/agenda";

export const metadata: Metadata = { title: "Schedule" };

/** Staff seen on the calendar: what the booking selects offer if the staff list cannot load. */
function staffOnCalendar(rows: AgendaRow[]): StaffOption[] {
  const staff = new Map<string, StaffOption>();
  for (const row of rows) {
    if (row.psychiatristId && row.psychiatristName) {
      staff.set(row.psychiatristId, {
        id: row.psychiatristId,
        name: row.psychiatristName,
        role: "psychiatrist",
      });
    }
    if (row.nurseId && row.nurseName) {
      staff.set(row.nurseId, { id: row.nurseId, name: row.nurseName, role: "nurse" });
    }
  }
  return [...staff.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function rangeLabel(query: ScheduleQuery, days: string[]): string {
  if (query.view === "day") return formatDateKey(query.date, "long");
  const first = days[0] ?? mondayOf(query.date);
  const last = days[days.length - 1] ?? first;
  return `${formatDateKey(first)} – ${formatDateKey(last)}, ${last.slice(0, 4)}`;
}

export default async function SchedulePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<React.JSX.Element> {
  const user = await requirePage("/schedule");
  const timeZone = config().clinicTimeZone;
  const now = clinicWallClock(new Date(), timeZone);
  const parsed = scheduleQuerySchema.parse(firstValues(await searchParams));
  const query: ScheduleQuery = { view: parsed.view, by: parsed.by, date: parsed.date ?? now.date };
  const { first, afterLast } = visibleDates(query);
  const db = await getDb();
  const actor = { ...user, requestAddress: await requestAddress() };
  const [rows, rooms, hours] = await Promise.all([
    listAgenda(db, actor, {
      from: clinicInstant(first, 0, timeZone),
      to: clinicInstant(afterLast, 0, timeZone),
    }),
    // Bookable rooms get a column even on an empty day; a deactivated one only if it was used.
    listRooms(db, actor, { active: true }),
    getClinicHours(db, actor),
  ]);
  const canManage = can(user.role, "schedule:manage");
  const clinical = can(user.role, "clinical:read");
  const dayKeys = query.view === "day" ? [query.date] : weekDays(first, rows, timeZone);
  const href = (change: Partial<ScheduleQuery>): string =>
    scheduleHref({ ...query, ...change }, now.date);
  const booked = rows.filter((r) => r.status !== "cancelled").length;
  const cancelled = rows.length - booked;
  const label = rangeLabel(query, dayKeys);
  // A booking from the header starts on the shown date, or the Monday after a weekend.
  const bookingDate =
    isoWeekday(query.date) > 5 ? shiftDateKey(query.date, 8 - isoWeekday(query.date)) : query.date;

  return (
    <ScheduleProvider
      settings={{
        timeZone,
        canManage,
        showSessionLink: clinical,
        defaultDate: bookingDate,
        fallbackRooms: rooms.map(({ id, name }) => ({ id, name })),
        fallbackStaff: staffOnCalendar(rows),
      }}
    >
      <PageHeader
        title="Schedule"
        description={`${booked} booked${cancelled ? ` · ${cancelled} cancelled` : ""} · clinic time (${timeZone})`}
        actions={<ScheduleActionButtons />}
      />
      <ScheduleToolbar
        query={query}
        rangeLabel={label}
        href={href}
        previousDate={stepDate(query, -1)}
        nextDate={stepDate(query, 1)}
        todayKey={now.date}
      />
      {query.view === "list" ? (
        <ScheduleList
          rows={rows}
          timeZone={timeZone}
          canManage={canManage}
          clinical={clinical}
          emptyText={`Nothing is booked for ${label}.`}
        />
      ) : (
        <div className="space-y-3">
          <KindLegend />
          <TimeGrid
            model={buildCalendar({
              rows,
              dayKeys,
              by: query.by,
              rooms,
              todayKey: now.date,
              timeZone,
              hours: clinicHoursMinutes(hours),
            })}
            by={query.by}
            view={query.view}
            label={`${query.view === "day" ? "Day" : "Week"} calendar, ${label}, by ${query.by}`}
            nowMinute={dayKeys.includes(now.date) ? now.minute : null}
            dayHref={(date) => href({ view: "day", date })}
          />
          {canManage ? (
            <p className="text-xs text-muted-foreground">
              Select an empty half hour to book there; in the grid, arrow keys move between slots.
              The list view shows the same sessions as tables.
            </p>
          ) : null}
        </div>
      )}
    </ScheduleProvider>
  );
}
