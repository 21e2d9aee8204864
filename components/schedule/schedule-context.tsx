"use client";

import { createContext, useContext } from "react";
import type { AgendaRow } from "@/lib/sessions/agenda";

export type RoomOption = { id: string; name: string };
export type StaffOption = { id: string; name: string; role: "psychiatrist" | "nurse" };

/** Where a booking starts: the clicked cell of the calendar, or the header's defaults. */
export type BookingSlot = {
  /** Clinic date, YYYY-MM-DD. */
  date: string;
  /** Minutes after midnight, clinic time. */
  minute: number;
  roomName: string | null;
  staff: { id: string; role: "psychiatrist" | "nurse" } | null;
};

export type ScheduleSettings = {
  timeZone: string;
  /** Admins: book, reschedule, cancel, mark no-show. */
  canManage: boolean;
  /** Clinical roles open the session page; admins see the appointment only. */
  showSessionLink: boolean;
  /** The date a booking from the header starts on. */
  defaultDate: string;
  /** Used until (or if) the rooms and staff lists of the API answer. */
  fallbackRooms: RoomOption[];
  fallbackStaff: StaffOption[];
};

export type ScheduleActions = {
  settings: ScheduleSettings;
  bookSession: (slot?: BookingSlot) => void;
  openSession: (row: AgendaRow) => void;
  bookSeries: () => void;
};

export const ScheduleContext = createContext<ScheduleActions | null>(null);

export function useSchedule(): ScheduleActions {
  const value = useContext(ScheduleContext);
  if (!value) throw new Error("useSchedule must be used inside ScheduleProvider");
  return value;
}
