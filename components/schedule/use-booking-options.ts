"use client";

import { useQuery } from "@tanstack/react-query";
import {
  useSchedule,
  type RoomOption,
  type StaffOption,
} from "@/components/schedule/schedule-context";
import {
  roomListSchema,
  scheduleRequest,
  staffListSchema,
} from "@/components/schedule/schedule-api";

const REFERENCE_STALE_MS = 60_000;

export type BookingOptions = {
  rooms: RoomOption[];
  psychiatrists: StaffOption[];
  nurses: StaffOption[];
  loading: boolean;
};

function isClinicalRole(role: string): role is StaffOption["role"] {
  return role === "psychiatrist" || role === "nurse";
}

/** Active rooms and clinical staff to book with; what the calendar shows when the API cannot answer. */
export function useBookingOptions(): BookingOptions {
  const { settings } = useSchedule();
  const rooms = useQuery({
    queryKey: ["schedule", "rooms"],
    queryFn: () => scheduleRequest("/api/v1/rooms", roomListSchema),
    staleTime: REFERENCE_STALE_MS,
    retry: false,
  });
  const staff = useQuery({
    queryKey: ["schedule", "staff"],
    queryFn: () => scheduleRequest("/api/v1/users", staffListSchema),
    staleTime: REFERENCE_STALE_MS,
    retry: false,
  });
  const roomOptions = rooms.data
    ? rooms.data.filter((r) => r.active).map(({ id, name }) => ({ id, name }))
    : settings.fallbackRooms;
  const staffOptions: StaffOption[] = staff.data
    ? staff.data.items.flatMap((u) =>
        u.active && isClinicalRole(u.role) ? [{ id: u.id, name: u.name, role: u.role }] : [],
      )
    : settings.fallbackStaff;
  return {
    rooms: [...roomOptions].sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
    psychiatrists: staffOptions.filter((s) => s.role === "psychiatrist"),
    nurses: staffOptions.filter((s) => s.role === "nurse"),
    loading: rooms.isPending || staff.isPending,
  };
}
