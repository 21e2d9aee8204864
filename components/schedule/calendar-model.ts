/**
 * Lays sessions out on the calendar grid: which days and columns are shown, where each block
 * sits, and how blocks that overlap in one column share it side by side.
 */
import { SLOT_MINUTES } from "@/components/schedule/booking-defaults";
import { clinicWallClock, isoWeekday, shiftDateKey } from "@/components/schedule/clinic-time";
import type { AgendaRow } from "@/lib/sessions/agenda";

export type ColumnsBy = "room" | "staff";

/** Height of one half-hour cell: tall enough for three lines of a 30-minute follow-up block. */
export const SLOT_HEIGHT_REM = 3.5;
export const REM_PER_MINUTE = SLOT_HEIGHT_REM / SLOT_MINUTES;

export type CalendarColumn = {
  key: string;
  label: string;
  /** Second line of the header: the staff member's role, or why the column exists. */
  detail: string | null;
  /** What a booking from this column starts with. */
  roomName: string | null;
  staff: { id: string; role: "psychiatrist" | "nurse" } | null;
};

export type PlacedSession = {
  row: AgendaRow;
  /** Minutes after the grid's first minute. */
  top: number;
  height: number;
  lane: number;
  lanes: number;
};

export type CalendarDayColumn = {
  column: CalendarColumn;
  sessions: PlacedSession[];
  lanes: number;
};

export type CalendarDay = { key: string; isToday: boolean; columns: CalendarDayColumn[] };

export type CalendarModel = { days: CalendarDay[]; startMinute: number; endMinute: number };

export type RoomRef = { name: string };

/** Opening and closing, minutes after midnight in clinic time. */
export type ClinicMinutes = { opens: number; closes: number };

const MINUTES_PER_DAY = 24 * 60;
const NO_ROOM = "no-room";
const NO_STAFF = "no-staff";
/** Sessions held without a room (the psychiatrist's office); shown only on days that have one. */
const NO_ROOM_COLUMN: CalendarColumn = {
  key: NO_ROOM,
  label: "No room",
  detail: "Held elsewhere",
  roomName: null,
  staff: null,
};
/** A day with nobody booked still gets one column, so it can be seen and booked. */
const EMPTY_DAY: CalendarColumn = {
  key: "empty",
  label: "Nobody booked",
  detail: null,
  roomName: null,
  staff: null,
};

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, "en", { numeric: true });
}

function span(row: AgendaRow, timeZone: string): { date: string; start: number; end: number } {
  const { date, minute } = clinicWallClock(row.scheduledStart, timeZone);
  const length = Math.max(
    0,
    Math.round((row.scheduledEnd.getTime() - row.scheduledStart.getTime()) / 60_000),
  );
  return { date, start: minute, end: Math.min(MINUTES_PER_DAY, minute + length) };
}

/** Monday to Friday, plus Saturday or Sunday only when something is booked there. */
/**
 * The first row of `rows` cells of `slotMinutes` each that no session block covers (0 when every
 * cell is covered): where the keyboard enters the grid, so that it lands on a cell it can see.
 */
export function firstUncoveredRow(
  sessions: readonly Pick<PlacedSession, "top" | "height">[],
  rows: number,
  slotMinutes: number,
): number {
  for (let row = 0; row < rows; row++) {
    const from = row * slotMinutes;
    const to = from + slotMinutes;
    if (!sessions.some((s) => s.top < to && s.top + s.height > from)) return row;
  }
  return 0;
}

export function weekDays(monday: string, rows: AgendaRow[], timeZone: string): string[] {
  const booked = new Set(rows.map((r) => clinicWallClock(r.scheduledStart, timeZone).date));
  return Array.from({ length: 7 }, (_, i) => shiftDateKey(monday, i)).filter(
    (key) => isoWeekday(key) <= 5 || booked.has(key),
  );
}

/** Clinic hours, stretched to whole hours when a session starts early or ends late. */
export function gridBounds(
  rows: AgendaRow[],
  timeZone: string,
  hours: ClinicMinutes,
): { startMinute: number; endMinute: number } {
  let startMinute = Math.floor(hours.opens / 60) * 60;
  let endMinute = Math.ceil(hours.closes / 60) * 60;
  for (const row of rows) {
    const { start, end } = span(row, timeZone);
    startMinute = Math.min(startMinute, Math.floor(start / 60) * 60);
    endMinute = Math.max(endMinute, Math.ceil(end / 60) * 60);
  }
  return { startMinute, endMinute };
}

/** Every room, named in the clinic's list or seen on the calendar, in natural order. */
export function roomColumns(rows: AgendaRow[], rooms: RoomRef[] | null): CalendarColumn[] {
  const names = new Set(rooms?.map((r) => r.name) ?? []);
  for (const row of rows) if (row.roomName) names.add(row.roomName);
  return [...names]
    .map((name) => ({ name }))
    .sort(byName)
    .map(({ name }) => ({
      key: `room:${name}`,
      label: name,
      detail: null,
      roomName: name,
      staff: null,
    }));
}

/** Psychiatrists, then nurses, who have a session in `rows`. */
export function staffColumns(rows: AgendaRow[]): CalendarColumn[] {
  const psychiatrists = new Map<string, string>();
  const nurses = new Map<string, string>();
  for (const row of rows) {
    if (row.psychiatristId) psychiatrists.set(row.psychiatristId, row.psychiatristName ?? "—");
    if (row.nurseId) nurses.set(row.nurseId, row.nurseName ?? "—");
  }
  const toColumns = (
    people: Map<string, string>,
    role: "psychiatrist" | "nurse",
  ): CalendarColumn[] =>
    [...people]
      .map(([id, name]) => ({ id, name }))
      .sort(byName)
      .map(({ id, name }) => ({
        key: `staff:${id}`,
        label: name,
        detail: role === "psychiatrist" ? "Psychiatrist" : "Nurse",
        roomName: null,
        staff: { id, role },
      }));
  const columns = [...toColumns(psychiatrists, "psychiatrist"), ...toColumns(nurses, "nurse")];
  if (rows.some((r) => r.psychiatristId === null && r.nurseId === null)) {
    columns.push({
      key: NO_STAFF,
      label: "No staff",
      detail: "Unassigned",
      roomName: null,
      staff: null,
    });
  }
  return columns;
}

function inColumn(row: AgendaRow, column: CalendarColumn): boolean {
  if (column.key === NO_ROOM) return row.roomName === null;
  if (column.key === NO_STAFF) return row.psychiatristId === null && row.nurseId === null;
  if (column.staff)
    return row.psychiatristId === column.staff.id || row.nurseId === column.staff.id;
  return row.roomName === column.roomName;
}

/**
 * Blocks that overlap share the column in lanes; each group of overlapping blocks is as wide
 * as it needs and no wider. Touching sessions (one ends as the next starts) do not overlap.
 */
export function placeInLanes(
  rows: AgendaRow[],
  timeZone: string,
  gridStart: number,
): { sessions: PlacedSession[]; lanes: number } {
  const spans = rows
    .map((row) => ({ row, ...span(row, timeZone) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: PlacedSession[] = [];
  let group: PlacedSession[] = [];
  let laneEnds: number[] = [];
  let maxLanes = 0;
  const closeGroup = (): void => {
    for (const p of group) p.lanes = laneEnds.length;
    maxLanes = Math.max(maxLanes, laneEnds.length);
    group = [];
    laneEnds = [];
  };
  for (const s of spans) {
    if (laneEnds.length > 0 && laneEnds.every((end) => end <= s.start)) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= s.start);
    if (lane === -1) lane = laneEnds.push(s.end) - 1;
    else laneEnds[lane] = s.end;
    const block: PlacedSession = {
      row: s.row,
      top: s.start - gridStart,
      height: Math.max(s.end - s.start, 15),
      lane,
      lanes: 1,
    };
    group.push(block);
    placed.push(block);
  }
  closeGroup();
  return { sessions: placed, lanes: Math.max(1, maxLanes) };
}

export function buildCalendar(input: {
  rows: AgendaRow[];
  dayKeys: string[];
  by: ColumnsBy;
  rooms: RoomRef[] | null;
  todayKey: string;
  timeZone: string;
  hours: ClinicMinutes;
}): CalendarModel {
  const { rows, timeZone } = input;
  const bounds = gridBounds(rows, timeZone, input.hours);
  const byDay = new Map<string, AgendaRow[]>();
  for (const row of rows) {
    const key = clinicWallClock(row.scheduledStart, timeZone).date;
    byDay.set(key, [...(byDay.get(key) ?? []), row]);
  }
  // Rooms are the same every day; staff columns show who works that day, so a week stays narrow.
  const roomSet = input.by === "room" ? roomColumns(rows, input.rooms) : null;
  const days = input.dayKeys.map((key): CalendarDay => {
    const dayRows = byDay.get(key) ?? [];
    const noRoom = dayRows.some((r) => r.roomName === null) ? [NO_ROOM_COLUMN] : [];
    const listed = roomSet ? [...roomSet, ...noRoom] : staffColumns(dayRows);
    const columns = listed.length > 0 ? listed : [EMPTY_DAY];
    return {
      key,
      isToday: key === input.todayKey,
      columns: columns.map((column) => ({
        column,
        ...placeInLanes(
          dayRows.filter((row) => inColumn(row, column)),
          timeZone,
          bounds.startMinute,
        ),
      })),
    };
  });
  return { days, ...bounds };
}
