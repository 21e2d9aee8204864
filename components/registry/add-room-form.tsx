"use client";

import { Plus } from "lucide-react";
import { toast } from "@/components/ui/toast";
import { FormField } from "@/components/registry/form-field";
import { ROOM_KIND_LABEL } from "@/components/registry/room-labels";
import { useRegistryWrite } from "@/components/registry/use-registry-write";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ROOM_KINDS, type RoomView } from "@/lib/registry/room-schemas";

/** Adds a dosing room or a recliner chair; each holds one patient at a time. */
export function AddRoomForm(): React.JSX.Element {
  const write = useRegistryWrite<RoomView>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const room = await write.send("/api/v1/rooms", "POST", {
      name: String(form.get("roomName") ?? ""),
      kind: String(form.get("roomKind") ?? "room"),
    });
    if (room) {
      formEl.reset();
      toast.success(`${room.name} added`);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Add a room" className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-start">
        <FormField
          id="roomName"
          label="Room name"
          hint="As staff call it, e.g. Room 3 – Birch or Chair C."
          error={write.error?.fieldMessage("name")}
        >
          {(a) => <Input {...a} required maxLength={60} autoComplete="off" />}
        </FormField>
        <FormField id="roomKind" label="Kind" error={write.error?.fieldMessage("kind")}>
          {(a) => (
            <NativeSelect {...a} defaultValue="room">
              {ROOM_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {ROOM_KIND_LABEL[kind]}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <Button type="submit" disabled={write.pending} className="sm:mt-[1.375rem]">
          <Plus aria-hidden="true" />
          Add room
        </Button>
      </div>
      {write.error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {write.error.message}
        </p>
      ) : null}
    </form>
  );
}
