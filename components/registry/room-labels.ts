import type { RoomKind } from "@/lib/registry/room-schemas";

export const ROOM_KIND_LABEL: Readonly<Record<RoomKind, string>> = {
  room: "Room",
  chair: "Chair",
};
