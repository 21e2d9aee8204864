import { describe, expect, it } from "vitest";
import {
  buildCalendar,
  firstUncoveredRow,
  placeInLanes,
  weekDays,
} from "@/components/schedule/calendar-model";
import {
  clinicInstant,
  clinicWallClock,
  isDateKey,
  mondayOf,
} from "@/components/schedule/clinic-time";
import { stepDate, visibleDates } from "@/components/schedule/schedule-query";
import type { AgendaRow } from "@/lib/sessions/agenda";

const TZ = "America/New_York";
const HOURS = { opens: 8 * 60, closes: 18 * 60 };

function at(date: string, time: string): Date {
  const [h, m] = time.split(":").map(Number);
  return clinicInstant(date, (h ?? 0) * 60 + (m ?? 0), TZ);
}

function row(
  id: string,
  date: string,
  start: string,
  end: string,
  extra: Partial<AgendaRow> = {},
): AgendaRow {
  return {
    id,
    scheduledStart: at(date, start),
    scheduledEnd: at(date, end),
    kind: "dosing",
    status: "scheduled",
    patientId: `p-${id}`,
    patientName: `Patient ${id}`,
    mrn: `KP-${id}`,
    roomId: "room-a",
    roomName: "Chair A",
    nurseId: "n1",
    nurseName: "Sam Rivera",
    psychiatristId: "d1",
    psychiatristName: "Dr. Maya Okafor",
    protocol: "iv_ketamine",
    numberInCourse: 3,
    plannedSessions: 6,
    openAlertLevel: null,
    ...extra,
  };
}

describe("clinic time", () => {
  it("keeps 10:00 at 10:00 across the November DST change", () => {
    expect(clinicInstant("2025-10-31", 600, TZ).toISOString()).toBe("2025-10-31T14:00:00.000Z");
    expect(clinicInstant("2025-11-03", 600, TZ).toISOString()).toBe("2025-11-03T15:00:00.000Z");
    expect(clinicWallClock(new Date("2025-11-03T15:00:00Z"), TZ)).toEqual({
      date: "2025-11-03",
      minute: 600,
    });
  });

  it("refuses dates that do not exist", () => {
    expect(isDateKey("2026-02-29")).toBe(false);
    expect(isDateKey("2028-02-29")).toBe(true);
  });

  it("starts the week on Monday and steps a day view over the weekend", () => {
    expect(mondayOf("2026-11-22")).toBe("2026-11-16");
    expect(visibleDates({ view: "week", by: "room", date: "2026-11-19" })).toEqual({
      first: "2026-11-16",
      afterLast: "2026-11-23",
    });
    expect(stepDate({ view: "day", by: "room", date: "2026-11-20" }, 1)).toBe("2026-11-23");
    expect(stepDate({ view: "day", by: "room", date: "2026-11-23" }, -1)).toBe("2026-11-20");
  });
});

describe("calendar layout", () => {
  it("shows the weekend only when something is booked there", () => {
    expect(weekDays("2026-11-16", [], TZ)).toHaveLength(5);
    expect(weekDays("2026-11-16", [row("s", "2026-11-21", "09:00", "10:30")], TZ)).toEqual([
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
    ]);
  });

  it("puts overlapping sessions side by side and lets touching ones share a lane", () => {
    const { sessions, lanes } = placeInLanes(
      [
        row("a", "2026-11-16", "09:00", "10:30"),
        row("b", "2026-11-16", "10:00", "11:30"),
        row("c", "2026-11-16", "10:30", "12:00"),
        row("d", "2026-11-16", "13:00", "13:30"),
      ],
      TZ,
      8 * 60,
    );
    const byId = new Map(sessions.map((s) => [s.row.id, s]));
    expect(lanes).toBe(2);
    expect(byId.get("a")).toMatchObject({ lane: 0, lanes: 2, top: 60, height: 90 });
    expect(byId.get("b")).toMatchObject({ lane: 1, lanes: 2 });
    // c starts as a ends: no overlap, so it reuses a's lane.
    expect(byId.get("c")).toMatchObject({ lane: 0, lanes: 2 });
    expect(byId.get("d")).toMatchObject({ lane: 0, lanes: 1 });
  });

  it("lists every bookable room, adds 'No room' only on the day that needs it", () => {
    const model = buildCalendar({
      rows: [row("a", "2026-11-16", "09:00", "10:00", { roomName: null })],
      dayKeys: ["2026-11-16", "2026-11-17"],
      by: "room",
      rooms: [{ name: "Room 2 – Cedar" }, { name: "Chair A" }, { name: "Room 10" }],
      todayKey: "2026-11-17",
      timeZone: TZ,
      hours: HOURS,
    });
    expect(model.days[0]?.columns.map((c) => c.column.label)).toEqual([
      "Chair A",
      "Room 2 – Cedar",
      "Room 10",
      "No room",
    ]);
    expect(model.days[1]?.columns.map((c) => c.column.label)).toHaveLength(3);
    expect(model.days[1]?.isToday).toBe(true);
  });

  it("shows a session under both its psychiatrist and its nurse, and stretches the hours", () => {
    const model = buildCalendar({
      rows: [row("a", "2026-11-16", "07:30", "09:00"), row("b", "2026-11-16", "17:00", "18:30")],
      dayKeys: ["2026-11-16"],
      by: "staff",
      rooms: null,
      todayKey: "2026-11-20",
      timeZone: TZ,
      hours: HOURS,
    });
    expect(model.startMinute).toBe(7 * 60);
    expect(model.endMinute).toBe(19 * 60);
    const columns = model.days[0]?.columns ?? [];
    expect(columns.map((c) => [c.column.label, c.column.detail, c.sessions.length])).toEqual([
      ["Dr. Maya Okafor", "Psychiatrist", 2],
      ["Sam Rivera", "Nurse", 2],
    ]);
  });
});

describe("firstUncoveredRow", () => {
  const slot = 30;
  it("is the first row when nothing covers it", () => {
    expect(firstUncoveredRow([], 20, slot)).toBe(0);
    expect(firstUncoveredRow([{ top: 30, height: 60 }], 20, slot)).toBe(0);
  });
  it("skips rows a block overlaps, even by a minute", () => {
    expect(firstUncoveredRow([{ top: 0, height: 90 }], 20, slot)).toBe(3);
    expect(firstUncoveredRow([{ top: 0, height: 31 }], 20, slot)).toBe(2);
    expect(firstUncoveredRow([{ top: 29, height: 1 }], 20, slot)).toBe(1);
    expect(
      firstUncoveredRow(
        [
          { top: 0, height: 30 },
          { top: 30, height: 30 },
        ],
        20,
        slot,
      ),
    ).toBe(2);
  });
  it("falls back to the first row when every row is covered", () => {
    expect(firstUncoveredRow([{ top: 0, height: 600 }], 20, slot)).toBe(0);
  });
});
