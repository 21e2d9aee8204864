"use client";

import { Pencil, Power, PowerOff } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { FormField } from "@/components/registry/form-field";
import { ROOM_KIND_LABEL } from "@/components/registry/room-labels";
import { useRegistryWrite } from "@/components/registry/use-registry-write";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { RoomUpdated, RoomView } from "@/lib/registry/room-schemas";

function deactivatedMessage(room: RoomUpdated): string {
  if (room.upcomingSessions === 0) return `${room.name} deactivated`;
  const sessions =
    room.upcomingSessions === 1 ? "1 session is" : `${room.upcomingSessions} sessions are`;
  return `${room.name} deactivated — ${sessions} still booked in it; rebook them on the schedule.`;
}

function RoomRow({ room }: { room: RoomView }): React.JSX.Element {
  const write = useRegistryWrite<RoomUpdated>();
  const [renaming, setRenaming] = useState(false);
  const url = `/api/v1/rooms/${room.id}`;

  async function onRename(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const saved = await write.send(url, "PATCH", { name });
    if (saved) {
      setRenaming(false);
      toast.success(`Renamed to ${saved.name}`);
    }
  }

  async function onToggle(): Promise<void> {
    const saved = await write.send(url, "PATCH", { active: !room.active });
    if (!saved) return;
    if (saved.active) toast.success(`${saved.name} can be booked again`);
    else if (saved.upcomingSessions > 0) toast.warning(deactivatedMessage(saved));
    else toast.success(deactivatedMessage(saved));
  }

  return (
    <TableRow>
      <TableCell className="font-medium">
        {renaming ? (
          <form
            onSubmit={onRename}
            aria-label={`Rename ${room.name}`}
            className="flex flex-wrap items-end gap-2"
          >
            <FormField
              id={`room-${room.id}-name`}
              name="name"
              label="New name"
              error={write.error?.fieldMessage("name")}
              className="min-w-48 flex-1"
            >
              {(a) => <Input {...a} required maxLength={60} defaultValue={room.name} autoFocus />}
            </FormField>
            <Button type="submit" size="sm" disabled={write.pending}>
              Save
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => {
                setRenaming(false);
                write.clearError();
              }}
            >
              Cancel
            </Button>
          </form>
        ) : (
          room.name
        )}
        {write.error && !write.error.fieldMessage("name") ? (
          <p role="alert" className="mt-1 text-xs font-medium text-destructive">
            {write.error.message}
          </p>
        ) : null}
      </TableCell>
      <TableCell>{ROOM_KIND_LABEL[room.kind]}</TableCell>
      <TableCell>
        {room.active ? (
          <Badge variant="success">Bookable</Badge>
        ) : (
          <Badge variant="outline">Deactivated</Badge>
        )}
      </TableCell>
      <TableCell>
        <div className="flex justify-end gap-2">
          {!renaming ? (
            <Button type="button" size="sm" variant="outline" onClick={() => setRenaming(true)}>
              <Pencil aria-hidden="true" />
              Rename<span className="sr-only"> {room.name}</span>
            </Button>
          ) : null}
          <Button
            type="button"
            size="sm"
            variant="outline"
            onClick={onToggle}
            disabled={write.pending}
          >
            {room.active ? <PowerOff aria-hidden="true" /> : <Power aria-hidden="true" />}
            {room.active ? "Deactivate" : "Reactivate"}
            <span className="sr-only"> {room.name}</span>
          </Button>
        </div>
      </TableCell>
    </TableRow>
  );
}

/** The clinic's rooms and chairs with rename and (de)activate; history stays with the room. */
export function RoomsTable({ rooms }: { rooms: RoomView[] }): React.JSX.Element {
  if (rooms.length === 0) {
    return <p className="p-4 text-sm text-muted-foreground">No rooms yet: add the first below.</p>;
  }
  return (
    <Table>
      <caption className="sr-only">Rooms and chairs</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rooms.map((room) => (
          <RoomRow key={room.id} room={room} />
        ))}
      </TableBody>
    </Table>
  );
}
